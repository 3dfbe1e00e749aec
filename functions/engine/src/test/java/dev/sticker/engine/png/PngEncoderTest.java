package dev.sticker.engine.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sticker.engine.image.Parallelism;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.zip.Adler32;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PngEncoderTest {

    @ParameterizedTest
    @EnumSource(RowFilter.class)
    void rgbRoundTripsThroughImageIo(RowFilter filter) throws IOException {
        int width = 77;
        int height = 150;
        int[] pixels = gradientWithNoise(width, height, 5);
        byte[] png = new PngEncoder(1, filter, Parallelism.SINGLE).rgb(pixels, width, height);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(width, decoded.getWidth());
        assertEquals(height, decoded.getHeight());
        assertEquals(false, decoded.getColorModel().hasAlpha());
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                assertEquals(pixels[y * width + x], decoded.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RowFilter.class)
    void rgbaRoundTripsThroughImageIo(RowFilter filter) throws IOException {
        int width = 64;
        int height = 130;
        int[] pixels = gradientWithNoise(width, height, 9);
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] |= random.nextInt(256) << 24;
        }
        byte[] png = new PngEncoder(6, filter, Parallelism.SINGLE).rgba(pixels, width, height);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(true, decoded.getColorModel().hasAlpha());
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                assertEquals(pixels[y * width + x], decoded.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(RowFilter.class)
    void theDefaultCompressionRoundTripsThroughImageIo(RowFilter filter) throws IOException {
        int width = 300;
        int height = 200;
        int[] pixels = gradientWithNoise(width, height, 3);
        for (int i = 0; i < width * 60; i++) {
            pixels[i] = 0xF0EEE8;
        }
        byte[] png = new PngEncoder(PngEncoder.DEFAULT_LEVEL, filter, Parallelism.SINGLE).rgb(pixels, width, height);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                assertEquals(pixels[y * width + x], decoded.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void bytesDoNotDependOnThreadCount() {
        int[] pixels = gradientWithNoise(300, 333, 4);
        byte[] single = new PngEncoder(Parallelism.SINGLE).rgb(pixels, 300, 333);
        byte[] parallel = new PngEncoder(Parallelism.of(3)).rgb(pixels, 300, 333);
        assertArrayEquals(single, parallel);
    }

    @Test
    void combinedAdlerEqualsAdlerOfWhole() {
        byte[] data = new byte[200_000];
        new SplittableRandom(1).nextBytes(data);
        Adler32 whole = new Adler32();
        whole.update(data);
        long combined = 1;
        for (int from = 0; from < data.length; from += 70_001) {
            int length = Math.min(70_001, data.length - from);
            Adler32 part = new Adler32();
            part.update(data, from, length);
            combined = PngEncoder.combineAdler(combined, part.getValue(), length);
        }
        assertEquals(whole.getValue(), combined);
    }

    static int[] gradientWithNoise(int width, int height, int noise) {
        SplittableRandom random = new SplittableRandom(width * 31L + height);
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = Math.min(255, x * 255 / width + random.nextInt(noise));
                int g = Math.min(255, y * 255 / height + random.nextInt(noise));
                int b = (x + y) & 255;
                pixels[y * width + x] = r << 16 | g << 8 | b;
            }
        }
        return pixels;
    }
}
