package dev.sticker.core.photo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Real encoded images, drawn and written by the JDK's encoders. */
final class TestImages {

    private TestImages() {
    }

    static byte[] png(int width, int height) {
        return encode("png", width, height, BufferedImage.TYPE_INT_ARGB);
    }

    static byte[] jpeg(int width, int height) {
        return encode("jpeg", width, height, BufferedImage.TYPE_INT_RGB);
    }

    static byte[] gif(int width, int height) {
        return encode("gif", width, height, BufferedImage.TYPE_INT_RGB);
    }

    static byte[] bmp(int width, int height) {
        return encode("bmp", width, height, BufferedImage.TYPE_INT_RGB);
    }

    private static byte[] encode(String format, int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillOval(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
