package dev.sticker.formats;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageTypeTest {

    @ParameterizedTest
    @EnumSource(value = ImageType.class, names = {"JPEG", "PNG", "GIF", "BMP"})
    void recognisesWhatTheJdkEncoderWrote(ImageType type) throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, type.formatName(), out), "the JDK writes " + type);

        assertEquals(Optional.of(type), ImageType.sniff(out.toByteArray()));
    }

    @Test
    void recognisesWebpByItsRiffHeader() {
        byte[] webpHeader = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        byte[] otherRiff = "RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1);

        assertEquals(Optional.of(ImageType.WEBP), ImageType.sniff(webpHeader));
        assertEquals(Optional.empty(), ImageType.sniff(otherRiff));
    }

    @Test
    void truncatedHeadersAreNotImages() {
        assertEquals(Optional.empty(), ImageType.sniff(new byte[]{(byte) 0x89, 'P', 'N'}));
        assertEquals(Optional.empty(), ImageType.sniff("BM".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), ImageType.sniff(new byte[0]));
    }

    @Test
    void describesWhatNonImagesAre() {
        assertEquals("text/html", ImageType.describeNonImage("  <!DOCTYPE html><html>".getBytes(StandardCharsets.UTF_8)));
        assertEquals("application/json", ImageType.describeNonImage("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("image/svg+xml (not supported)",
                ImageType.describeNonImage("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8)));
        assertEquals("application/pdf", ImageType.describeNonImage("%PDF-1.7".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("text/plain", ImageType.describeNonImage("hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals("unrecognised binary", ImageType.describeNonImage(new byte[]{0, 1, 2, (byte) 0xFE}));
        assertEquals("empty", ImageType.describeNonImage(new byte[0]));
    }
}
