package dev.sticker.engine.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** An opaque image as packed {@code 0xRRGGBB} ints, row-major; the engine's working pixel format. */
public record RgbImage(int width, int height, int[] pixels) {

    public RgbImage {
        if (width <= 0 || height <= 0 || pixels.length != width * height) {
            throw new IllegalArgumentException("pixels do not match " + width + "x" + height);
        }
    }

    /**
     * Shares the pixel array of a {@code TYPE_INT_RGB} image (clearing the unused top byte, which drawing may set);
     * copies any other type.
     */
    public static RgbImage of(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            int[] data = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            if (data.length == image.getWidth() * image.getHeight()) {
                for (int i = 0; i < data.length; i++) {
                    data[i] &= 0xFFFFFF;
                }
                return new RgbImage(image.getWidth(), image.getHeight(), data);
            }
        }
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xFFFFFF;
        }
        return new RgbImage(image.getWidth(), image.getHeight(), pixels);
    }

    public int rgb(int x, int y) {
        return pixels[y * width + x];
    }
}
