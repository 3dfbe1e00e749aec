package dev.sticker.engine;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.AffineTransformOp;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * New test photos made from the shipped ones (astronaut: one person; chelsea: a cat; coffee: a cup): scaled,
 * turned, recompressed, and scenes with the astronaut's head and shoulders pasted small into a larger photo.
 */
public final class TestPhotos {

    /** The astronaut's face in {@code astronaut.png}: centre and width, in its pixels. */
    public static final double ASTRONAUT_FACE_X = 224;
    public static final double ASTRONAUT_FACE_Y = 128;
    public static final double ASTRONAUT_FACE_WIDTH = 95;

    private TestPhotos() {
    }

    public static BufferedImage load(String name) {
        try (InputStream in = TestPhotos.class.getResourceAsStream("/images/" + name + ".png")) {
            if (in == null) {
                throw new IllegalStateException("missing test image " + name);
            }
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code image} resampled to {@code width x height} (bicubic, area-averaged when shrinking), keeping its alpha
     * if it has one.
     */
    public static BufferedImage scaled(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, image.getColorModel().hasAlpha()
                ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        if (width < image.getWidth()) {
            g.drawImage(image.getScaledInstance(width, height, java.awt.Image.SCALE_AREA_AVERAGING), 0, 0, null);
        } else {
            g.drawImage(image, 0, 0, width, height, null);
        }
        g.dispose();
        return out;
    }

    /** {@code image} turned a quarter clockwise. */
    public static BufferedImage turnedClockwise(BufferedImage image) {
        AffineTransform turn = new AffineTransform(0, 1, -1, 0, image.getHeight(), 0);
        BufferedImage out = new BufferedImage(image.getHeight(), image.getWidth(), BufferedImage.TYPE_INT_RGB);
        new AffineTransformOp(turn, AffineTransformOp.TYPE_NEAREST_NEIGHBOR).filter(rgb(image), out);
        return out;
    }

    /**
     * A {@code width x height} scene: {@code background} stretched over it, and for each person the astronaut's
     * head and shoulders (a box 3 face widths wide, from 1.3 above to 2.4 below the face centre) pasted where the
     * person's face is to be, at its width.
     */
    public static BufferedImage scene(BufferedImage background, int width, int height, Person... people) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(background, 0, 0, width, height, null);
        BufferedImage astronaut = load("astronaut");
        for (Person person : people) {
            double scale = person.faceWidth() / ASTRONAUT_FACE_WIDTH;
            int left = (int) Math.round(ASTRONAUT_FACE_X - 1.5 * ASTRONAUT_FACE_WIDTH);
            int top = (int) Math.round(ASTRONAUT_FACE_Y - 1.3 * ASTRONAUT_FACE_WIDTH);
            int right = (int) Math.round(ASTRONAUT_FACE_X + 1.5 * ASTRONAUT_FACE_WIDTH);
            int bottom = (int) Math.round(ASTRONAUT_FACE_Y + 2.4 * ASTRONAUT_FACE_WIDTH);
            BufferedImage bust = astronaut.getSubimage(left, Math.max(0, top), right - left,
                    Math.min(astronaut.getHeight(), bottom) - Math.max(0, top));
            int w = (int) Math.round(bust.getWidth() * scale);
            int h = (int) Math.round(bust.getHeight() * scale);
            int x = (int) Math.round(person.faceX() - (ASTRONAUT_FACE_X - left) * scale);
            int y = (int) Math.round(person.faceY() - (ASTRONAUT_FACE_Y - Math.max(0, top)) * scale);
            g.drawImage(scaled(bust, w, h), x, y, null);
        }
        g.dispose();
        return out;
    }

    /** Where a pasted astronaut's face goes in a {@link #scene} and how wide it is. */
    public record Person(double faceX, double faceY, double faceWidth) {
    }

    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A baseline JPEG at {@code quality} (0 to 1). */
    public static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(rgb(image), null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static BufferedImage rgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }
}
