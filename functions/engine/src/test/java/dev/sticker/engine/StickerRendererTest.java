package dev.sticker.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sticker.engine.image.Affine;
import dev.sticker.engine.image.Parallelism;
import dev.sticker.engine.image.RgbImage;
import dev.sticker.engine.style.CartoonStylizer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stages after face detection, on a drawn bust with a segmenter that reports exactly what was drawn, so the
 * geometry of the outputs can be checked independently of the vision models.
 */
class StickerRendererTest {

    private static final int PHOTO_SIDE = 600;
    private static final FacePosition FACE = new FacePosition(300, 220, 100, 0);

    @Test
    void cutoutIsTransparentOutsideAndOpaqueOnTheFace() throws IOException {
        Sticker sticker = render(params(512, 512, 7));
        BufferedImage cutout = ImageIO.read(new ByteArrayInputStream(sticker.backgroundRemovedPng()));
        assertEquals(512, cutout.getWidth());
        assertTrue(cutout.getColorModel().hasAlpha());
        for (int[] corner : new int[][] {{0, 0}, {511, 0}, {0, 511}, {511, 511}}) {
            assertEquals(0, cutout.getRGB(corner[0], corner[1]) >>> 24, "corner alpha");
        }
        int[] face = faceInOutput(512, 512);
        assertEquals(255, cutout.getRGB(face[0], face[1]) >>> 24, "face alpha");
    }

    @Test
    void stickerHasAWhiteBorderAllAround() throws IOException {
        Sticker sticker = render(params(512, 512, 7));
        BufferedImage cutout = ImageIO.read(new ByteArrayInputStream(sticker.backgroundRemovedPng()));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(sticker.stickerPng()));
        assertFalse(image.getColorModel().hasAlpha());
        int[] face = faceInOutput(512, 512);
        for (int angle = 0; angle < 360; angle += 15) {
            double dx = Math.cos(Math.toRadians(angle));
            double dy = Math.sin(Math.toRadians(angle));
            // Walk outward from the face to the edge of the cut; just inside it is border.
            int lastOpaque = -1;
            for (int step = 0; step < 512; step++) {
                int x = (int) Math.round(face[0] + dx * step);
                int y = (int) Math.round(face[1] + dy * step);
                if (x < 0 || y < 0 || x >= 512 || y >= 512) {
                    break;
                }
                if (cutout.getRGB(x, y) >>> 24 == 255) {
                    lastOpaque = step;
                }
            }
            assertTrue(lastOpaque > 0, "cut found at angle " + angle);
            int x = (int) Math.round(face[0] + dx * (lastOpaque - 3));
            int y = (int) Math.round(face[1] + dy * (lastOpaque - 3));
            int rgb = image.getRGB(x, y);
            assertTrue(((rgb >> 16) & 255) > 235 && ((rgb >> 8) & 255) > 235 && (rgb & 255) > 235,
                    "white border at angle " + angle + ": " + Integer.toHexString(rgb));
        }
    }

    @Test
    void sameSeedGivesSameBytesOtherSeedOtherBytes() {
        Sticker first = render(params(256, 320, 42));
        Sticker again = render(params(256, 320, 42));
        Sticker other = render(params(256, 320, 43));
        assertArrayEquals(first.stickerPng(), again.stickerPng());
        assertArrayEquals(first.backgroundRemovedPng(), again.backgroundRemovedPng());
        assertFalse(java.util.Arrays.equals(first.stickerPng(), other.stickerPng()));
        assertFalse(java.util.Arrays.equals(first.backgroundRemovedPng(), other.backgroundRemovedPng()));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void bytesDoNotDependOnTheThreadCount(boolean upscale) {
        StickerParams params = new StickerParams("a person", "", 20, 4.5, 0.7, 0.2, 0.5, 300, 400, upscale, 10, 5,
                true);
        Sticker single = new StickerRenderer(StickerRendererTest::drawnPerson, new CartoonStylizer(),
                Parallelism.SINGLE).render(photo(), FACE, params, Progress.NONE);
        try (Parallelism threads = Parallelism.of(3)) {
            Sticker parallel = new StickerRenderer(StickerRendererTest::drawnPerson, new CartoonStylizer(), threads)
                    .render(photo(), FACE, params, Progress.NONE);
            assertArrayEquals(single.stickerPng(), parallel.stickerPng());
            assertArrayEquals(single.backgroundRemovedPng(), parallel.backgroundRemovedPng());
        }
    }

    @Test
    void reportsEachStage() {
        List<String> lines = new ArrayList<>();
        new StickerRenderer(StickerRendererTest::drawnPerson, new CartoonStylizer(), Parallelism.SINGLE)
                .render(photo(), FACE, params(256, 256, 1), lines::add);
        assertEquals(6, lines.size(), lines.toString());
        assertEquals(List.of("style keywords: none", "segmenting person"), lines.subList(0, 2));
        assertTrue(lines.get(2).startsWith("safety check: ") && !lines.get(2).contains("flagged"), lines.get(2));
        assertEquals(List.of("stylising", "cutting outline", "encoding PNG"), lines.subList(3, 6));
    }

    static StickerParams params(int width, int height, long seed) {
        return new StickerParams("a person", "", 20, 4.5, 0.7, 0.2, 0.5, width, height, false, 10, seed, true);
    }

    private static Sticker render(StickerParams params) {
        return new StickerRenderer(StickerRendererTest::drawnPerson, new CartoonStylizer(), Parallelism.SINGLE)
                .render(photo(), FACE, params, Progress.NONE);
    }

    private static int[] faceInOutput(int width, int height) {
        // The drawn person is one clean region inside the prior: frame it the way the renderer does.
        Framing framing = new Framing(FACE);
        float[] probability = drawnPerson(null);
        float[] coverage = new float[probability.length];
        for (int y = 0; y < Framing.MASK_SIDE; y++) {
            for (int x = 0; x < Framing.MASK_SIDE; x++) {
                int i = y * Framing.MASK_SIDE + x;
                coverage[i] = probability[i] * Framing.prior(x, y) >= 0.5f ? 1f : 0f;
            }
        }
        var palette = dev.sticker.engine.style.Palette.fromSeed(7);
        var geometry = ParameterMapping.cutGeometry(width, height, palette);
        Framing.Fit fit = framing.fit(framing.frame(coverage), width, height,
                ParameterMapping.margin(geometry, width, height));
        return new int[] {(int) fit.faceX(), (int) fit.faceY()};
    }

    /** A grey backdrop with a skin-coloured head over a blue jumper. */
    static RgbImage photo() {
        BufferedImage image = new BufferedImage(PHOTO_SIDE, PHOTO_SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x8A8F94));
        g.fillRect(0, 0, PHOTO_SIDE, PHOTO_SIDE);
        g.setColor(new Color(0x2A4D8F));
        g.fillRoundRect(150, 300, 300, 400, 120, 120);
        g.setColor(new Color(0xE0AC8C));
        g.fillOval(240, 140, 120, 170);
        g.setColor(new Color(0x3A2A20));
        g.fillOval(270, 200, 16, 10);
        g.fillOval(314, 200, 16, 10);
        g.dispose();
        return RgbImage.of(image);
    }

    /** The person probability for the crop the renderer asks about: 1 inside the drawn head and jumper. */
    static float[] drawnPerson(RgbImage ignoredCrop) {
        int side = Framing.MASK_SIDE;
        Affine toPhoto = new Framing(FACE).cropToPhoto();
        float[] probability = new float[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double px = toPhoto.x(x + 0.5, y + 0.5);
                double py = toPhoto.y(x + 0.5, y + 0.5);
                boolean head = Math.pow((px - 300) / 60, 2) + Math.pow((py - 225) / 85, 2) <= 1;
                boolean body = px >= 150 && px < 450 && py >= 300;
                probability[y * side + x] = head || body ? 1f : 0f;
            }
        }
        return probability;
    }
}
