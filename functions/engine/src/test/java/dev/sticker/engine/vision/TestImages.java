package dev.sticker.engine.vision;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** The test photos: astronaut (one person, NASA portrait), chelsea (a cat), coffee (a cup). */
final class TestImages {

    private TestImages() {
    }

    static BufferedImage load(String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/images/" + name + ".png")) {
            if (in == null) {
                throw new IllegalStateException("missing test image " + name);
            }
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
