package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks a result's two images the way a caller would use them: download, decode, look. */
final class Stickers {

    private Stickers() {
    }

    /** Both images are listed, fetchable, PNGs of the declared size; the cut-out one is transparent in the corners. */
    static void assertValid(QueueClient api, JsonNode output, int width, int height) throws IOException {
        assertEquals(2, output.path("images").size(), output.toString());
        assertEquals(output.path("images").get(0), output.path("sticker_image"));
        assertEquals(output.path("images").get(1), output.path("sticker_image_background_removed"));
        assertTrue(output.path("seed").canConvertToLong(), output.toString());
        assertFalse(output.path("has_nsfw_concepts").path("sticker_image").asBoolean(true));
        BufferedImage sticker = fetchPng(api, output.path("sticker_image"), width, height);
        BufferedImage removed = fetchPng(api, output.path("sticker_image_background_removed"), width, height);
        assertNotNull(sticker);
        assertTrue(removed.getColorModel().hasAlpha(), "the background-removed image has an alpha channel");
        for (int[] corner : new int[][]{{0, 0}, {width - 1, 0}, {0, height - 1}, {width - 1, height - 1}}) {
            int alpha = removed.getRGB(corner[0], corner[1]) >>> 24;
            assertEquals(0, alpha, "corner " + corner[0] + "," + corner[1] + " is transparent");
        }
    }

    private static BufferedImage fetchPng(QueueClient api, JsonNode image, int width, int height) throws IOException {
        assertEquals(width, image.path("width").asInt(), image.toString());
        assertEquals(height, image.path("height").asInt(), image.toString());
        HttpResponse<byte[]> response = api.fetch(image.path("url").asText(), true,
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode(), image.toString());
        assertEquals(image.path("file_size").asLong(), response.body().length);
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertNotNull(decoded, "a decodable image at " + image.path("url").asText());
        assertEquals(width, decoded.getWidth());
        assertEquals(height, decoded.getHeight());
        return decoded;
    }
}
