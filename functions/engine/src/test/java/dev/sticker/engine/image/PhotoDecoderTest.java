package dev.sticker.engine.image;

import dev.sticker.engine.image.Decoding.Decoded;
import dev.sticker.engine.image.Decoding.Reason;
import dev.sticker.engine.image.Decoding.Refused;
import dev.sticker.formats.ImageType;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhotoDecoderTest {

    private static final int RED = 0xFF0000;
    private static final int BLUE = 0x0000FF;

    @Test
    void decodesJpeg() throws IOException {
        Decoded decoded = decoded(encode(halves(64, 48, RED, BLUE, BufferedImage.TYPE_INT_RGB), "jpeg"));
        assertEquals(ImageType.JPEG, decoded.format());
        assertSize(decoded, 64, 48);
        assertNear(RED, decoded.image().rgb(8, 24));
        assertNear(BLUE, decoded.image().rgb(56, 24));
    }

    @Test
    void decodesCmykJpegToRgb() throws IOException {
        // A four-channel JPEG marked CMYK by an Adobe APP14 segment (transform 0), with Adobe's inverted samples:
        // a cyan left half and a yellow right half.
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 64, 48, 4, null);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                raster.setPixel(x, y, x < 32 ? new int[] {0, 255, 255, 255} : new int[] {255, 255, 0, 255});
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = jdkJpegWriter();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
        Decoded decoded = decoded(CraftedImages.withSegmentAfterSoi(out.toByteArray(),
                new byte[] {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0}));
        assertSize(decoded, 64, 48);
        int left = decoded.image().rgb(8, 24);
        int right = decoded.image().rgb(56, 24);
        assertTrue(red(left) < 120 && green(left) > 120 && blue(left) > 120, "cyan expected: " + hex(left));
        assertTrue(red(right) > 150 && green(right) > 150 && blue(right) < 120, "yellow expected: " + hex(right));
    }

    @Test
    void appliesExifOrientationSix() throws IOException {
        byte[] jpeg = encode(halves(64, 48, RED, BLUE, BufferedImage.TYPE_INT_RGB), "jpeg");
        Decoded decoded = decoded(CraftedImages.withExifOrientation(jpeg, 6));
        assertEquals(6, decoded.orientation());
        // Turned a quarter clockwise: 48 wide, 64 high, the left (red) half now on top.
        assertSize(decoded, 48, 64);
        assertNear(RED, decoded.image().rgb(24, 8));
        assertNear(BLUE, decoded.image().rgb(24, 56));
    }

    @Test
    void decodesSixteenBitPng() throws IOException {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(40, 40);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                raster.setPixel(x, y, x < 20 ? new int[] {65535, 0, 0} : new int[] {0, 0, 65535});
            }
        }
        byte[] png = encode(new BufferedImage(model, raster, false, null), "png");
        assertEquals(16, png[24], "bit depth in IHDR");
        Decoded decoded = decoded(png);
        assertSize(decoded, 40, 40);
        assertEquals(RED, decoded.image().rgb(5, 5));
        assertEquals(BLUE, decoded.image().rgb(35, 5));
    }

    @Test
    void decodesPalettePng() throws IOException {
        IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {(byte) 255, 0}, new byte[] {0, 0},
                new byte[] {0, (byte) 255});
        BufferedImage indexed = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_INDEXED, palette);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                indexed.getRaster().setSample(x, y, 0, x < 20 ? 0 : 1);
            }
        }
        byte[] png = encode(indexed, "png");
        assertEquals(3, png[25], "colour type 3 (palette) in IHDR");
        Decoded decoded = decoded(png);
        assertEquals(RED, decoded.image().rgb(5, 5));
        assertEquals(BLUE, decoded.image().rgb(35, 5));
    }

    @Test
    void decodesGif() throws IOException {
        Decoded decoded = decoded(encode(halves(40, 36, RED, BLUE, BufferedImage.TYPE_INT_RGB), "gif"));
        assertEquals(ImageType.GIF, decoded.format());
        assertSize(decoded, 40, 36);
        assertEquals(RED, decoded.image().rgb(5, 5));
        assertEquals(BLUE, decoded.image().rgb(35, 5));
    }

    @Test
    void decodesBmp() throws IOException {
        Decoded decoded = decoded(encode(halves(40, 36, RED, BLUE, BufferedImage.TYPE_3BYTE_BGR), "bmp"));
        assertEquals(ImageType.BMP, decoded.format());
        assertEquals(RED, decoded.image().rgb(5, 5));
        assertEquals(BLUE, decoded.image().rgb(35, 30));
    }

    @Test
    void decodesLosslessWebp() throws IOException {
        byte[] webp;
        try (InputStream in = getClass().getResourceAsStream("/decoding/red-blue-48x40.webp")) {
            webp = in.readAllBytes();
        }
        Decoded decoded = decoded(webp);
        assertEquals(ImageType.WEBP, decoded.format());
        assertSize(decoded, 48, 40);
        assertEquals(RED, decoded.image().rgb(5, 5));
        assertEquals(BLUE, decoded.image().rgb(40, 30));
    }

    @Test
    void flattensTransparencyOntoWhite() throws IOException {
        BufferedImage clear = new BufferedImage(40, 40, BufferedImage.TYPE_INT_ARGB);
        Decoded decoded = decoded(encode(clear, "png"));
        assertEquals(0xFFFFFF, decoded.image().rgb(20, 20));
    }

    @Test
    void subsamplesLargePhotos() throws IOException {
        Decoded decoded = decoded(encode(halves(4200, 300, RED, BLUE, BufferedImage.TYPE_INT_RGB), "png"));
        assertEquals(4200, decoded.sourceWidth());
        assertEquals(1400, decoded.image().width());
        assertEquals(100, decoded.image().height());
    }

    @Test
    void refusesZeroBytes() {
        assertRefused(new byte[0], Reason.UNREADABLE, "zero bytes");
    }

    @Test
    void refusesBytesThatAreNoImage() {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[0] = 0x13;
        assertRefused(noise, Reason.UNREADABLE, "not a supported image");
    }

    @Test
    void refusesTruncatedPng() throws IOException {
        byte[] png = encode(halves(200, 200, RED, BLUE, BufferedImage.TYPE_INT_RGB), "png");
        assertRefused(Arrays.copyOf(png, png.length / 2), Reason.UNREADABLE, "PNG");
    }

    @Test
    void refusesTruncatedJpeg() throws IOException {
        BufferedImage noisy = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                noisy.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        byte[] jpeg = encode(noisy, "jpeg");
        assertRefused(Arrays.copyOf(jpeg, jpeg.length / 2), Reason.UNREADABLE, "JPEG");
    }

    @Test
    void refusesTinyImage() throws IOException {
        assertRefused(encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png"), Reason.TOO_SMALL, "1x1");
    }

    @Test
    void refusesHugeHeaderWithoutDecodingPixels() {
        // The pixels would need 3.6 GB; only the header may be read.
        assertRefused(CraftedImages.pngClaiming(30000, 30000), Reason.TOO_LARGE, "30000x30000");
    }

    private static void assertRefused(byte[] bytes, Reason reason, String mentioned) {
        Refused refused = assertInstanceOf(Refused.class, PhotoDecoder.decode(bytes));
        assertEquals(reason, refused.reason(), refused.message());
        assertTrue(refused.message().contains(mentioned), refused.message());
    }

    static BufferedImage halves(int width, int height, int left, int right, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(left));
        g.fillRect(0, 0, width / 2, height);
        g.setColor(new Color(right));
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "no " + format + " writer");
        return out.toByteArray();
    }

    /** The JDK's own JPEG writer, which writes a four-band raster as four untransformed components. */
    private static ImageWriter jdkJpegWriter() {
        var writers = ImageIO.getImageWritersByFormatName("jpeg");
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            if (writer.getClass().getName().startsWith("com.sun.imageio")) {
                return writer;
            }
        }
        throw new AssertionError("the JDK JPEG writer is missing");
    }

    private static Decoded decoded(byte[] bytes) {
        Decoding decoding = PhotoDecoder.decode(bytes);
        if (decoding instanceof Refused refused) {
            throw new AssertionError("refused: " + refused.message());
        }
        return (Decoded) decoding;
    }

    private static void assertSize(Decoded decoded, int width, int height) {
        assertEquals(width, decoded.image().width(), "width");
        assertEquals(height, decoded.image().height(), "height");
    }

    private static void assertNear(int expected, int actual) {
        int tolerance = 40;
        assertTrue(Math.abs(red(expected) - red(actual)) < tolerance
                && Math.abs(green(expected) - green(actual)) < tolerance
                && Math.abs(blue(expected) - blue(actual)) < tolerance, "expected ~" + hex(expected) + " got " + hex(actual));
    }

    private static int red(int rgb) {
        return (rgb >> 16) & 255;
    }

    private static int green(int rgb) {
        return (rgb >> 8) & 255;
    }

    private static int blue(int rgb) {
        return rgb & 255;
    }

    private static String hex(int rgb) {
        return String.format("#%06X", rgb & 0xFFFFFF);
    }
}
