package dev.sticker.core.photo;

import dev.sticker.formats.ImageType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImageTypeTest {

    @Test
    void recognisesEachFormatByItsBytes() {
        assertEquals(Optional.of(ImageType.PNG), ImageType.sniff(TestImages.png(8, 8)));
        assertEquals(Optional.of(ImageType.JPEG), ImageType.sniff(TestImages.jpeg(8, 8)));
        assertEquals(Optional.of(ImageType.GIF), ImageType.sniff(TestImages.gif(8, 8)));
        assertEquals(Optional.of(ImageType.BMP), ImageType.sniff(TestImages.bmp(8, 8)));
        byte[] webpHeader = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Optional.of(ImageType.WEBP), ImageType.sniff(webpHeader));
    }

    @Test
    void describesWhatNonImagesAre() {
        assertEquals("text/html", ImageType.describeNonImage("  <!DOCTYPE html><html>".getBytes(StandardCharsets.UTF_8)));
        assertEquals("application/json", ImageType.describeNonImage("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("text/plain", ImageType.describeNonImage("hello".getBytes(StandardCharsets.UTF_8)));
        assertEquals("empty", ImageType.describeNonImage(new byte[0]));
        assertEquals(Optional.empty(), ImageType.sniff("hello".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pngSizeIsReadFromTheHeader() {
        assertEquals(Optional.of(new PngSize(320, 200)), PngSize.of(TestImages.png(320, 200)));
        assertEquals(Optional.empty(), PngSize.of(TestImages.jpeg(32, 20)));
    }
}
