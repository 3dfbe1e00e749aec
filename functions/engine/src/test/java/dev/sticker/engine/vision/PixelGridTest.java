package dev.sticker.engine.vision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sticker.engine.image.RgbImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PixelGridTest {

    @ParameterizedTest
    @ValueSource(ints = {100, 400})
    void aPhotoNoLargerThanTheWorkingSizeIsCopiedPixelForPixel(int maxSide) {
        int width = 100;
        int height = 70;
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (int) ((i * 2654435761L) >>> 8) & 0xFFFFFF;
        }
        PixelGrid grid = PixelGrid.fromImage(new RgbImage(width, height, pixels), maxSide);
        assertEquals(width, grid.width());
        assertEquals(height, grid.height());
        for (int i = 0; i < pixels.length; i++) {
            assertArrayEquals(new float[] {(pixels[i] >> 16) & 255, (pixels[i] >> 8) & 255, pixels[i] & 255},
                    new float[] {grid.rgb()[3 * i], grid.rgb()[3 * i + 1], grid.rgb()[3 * i + 2]});
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_3BYTE_BGR,
        BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_USHORT_565_RGB})
    void everyImageTypeReadsAsTheSameColours(int type) {
        BufferedImage image = new BufferedImage(3000, 1000, type);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 100, 40));
        g.fillRect(0, 0, 1500, 1000);
        g.setColor(new Color(8, 16, 248));
        g.fillRect(1500, 0, 1500, 1000);
        g.dispose();

        PixelGrid grid = PixelGrid.fromImage(RgbImage.of(image), 300);

        assertEquals(300, grid.width());
        assertEquals(100, grid.height());
        // 565 packing keeps 5 or 6 bits per channel: up to 8 levels of rounding
        float tolerance = type == BufferedImage.TYPE_USHORT_565_RGB ? 8f : 0f;
        float[] left = pixel(grid, 10, 50);
        float[] right = pixel(grid, 290, 50);
        assertEquals(200, left[0], tolerance);
        assertEquals(100, left[1], tolerance);
        assertEquals(40, left[2], tolerance);
        assertEquals(8, right[0], tolerance);
        assertEquals(16, right[1], tolerance);
        assertEquals(248, right[2], tolerance);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 300, 1000})
    void resizingKeepsAFlatColourFlat(int size) {
        BufferedImage image = new BufferedImage(500, 400, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(90, 180, 30));
        g.fillRect(0, 0, 500, 400);
        g.dispose();

        PixelGrid resized = PixelGrid.fromImage(RgbImage.of(image), 500).resized(size, size / 2);

        for (int y = 0; y < resized.height(); y += 7) {
            for (int x = 0; x < resized.width(); x += 7) {
                float[] p = pixel(resized, x, y);
                assertEquals(90, p[0], 1e-3f);
                assertEquals(180, p[1], 1e-3f);
                assertEquals(30, p[2], 1e-3f);
            }
        }
    }

    private static float[] pixel(PixelGrid grid, int x, int y) {
        int i = (y * grid.width() + x) * 3;
        return new float[] {grid.rgb()[i], grid.rgb()[i + 1], grid.rgb()[i + 2]};
    }
}
