package dev.sticker.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sticker.engine.RenderOutcome.Rejected;
import dev.sticker.engine.RenderOutcome.Rendered;
import dev.sticker.engine.image.CraftedImages;
import dev.sticker.engine.image.RgbImage;
import dev.sticker.engine.vision.Face;
import dev.sticker.engine.vision.FaceFinder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine end to end, on the sample photos and on hostile bytes. */
class StickerEngineTest {

    private static StickerEngine engine;
    private static byte[] astronaut;

    @BeforeAll
    static void load() throws IOException {
        engine = StickerEngine.load();
        astronaut = resource("/images/astronaut.png");
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void astronautBecomesAStickerWithABorderAndATransparentCutout() throws IOException {
        List<String> progress = new ArrayList<>();
        Sticker sticker = rendered(engine.render(astronaut, params(512, 512, 42, false), progress::add));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(sticker.stickerPng()));
        BufferedImage cutout = ImageIO.read(new ByteArrayInputStream(sticker.backgroundRemovedPng()));
        assertFalse(image.getColorModel().hasAlpha());
        assertTrue(cutout.getColorModel().hasAlpha());
        for (int[] corner : new int[][] {{0, 0}, {511, 0}, {0, 511}, {511, 511}}) {
            assertEquals(0, cutout.getRGB(corner[0], corner[1]) >>> 24, "corner alpha");
        }
        List<Face> faces = FaceFinder.load().faces(RgbImage.of(image));
        assertEquals(1, faces.size(), "faces in the sticker: " + faces);
        Face face = faces.get(0);
        int faceX = Math.round(face.centerX());
        int faceY = Math.round(face.centerY());
        assertEquals(255, cutout.getRGB(faceX, faceY) >>> 24, "face-centre alpha");
        assertWhiteRingAround(image, cutout, faceX, faceY);
        assertFalse(sticker.stickerNsfw());
        assertEquals(42, sticker.seed());
        assertTrue(progress.get(0).startsWith("decoding image (512x512 PNG)"), progress.toString());
        for (String stage : List.of("detecting face", "segmenting person", "stylising", "cutting outline",
                "encoding PNG")) {
            assertTrue(progress.contains(stage), stage + " missing from " + progress);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "1024, 1024", // square_hd
        "512, 512", // square
        "768, 1024", // portrait_4_3
        "576, 1024", // portrait_16_9
        "1024, 768", // landscape_4_3
        "1024, 576", // landscape_16_9
        "300, 700" // custom
    })
    void outputsHaveTheRequestedSize(int width, int height) throws IOException {
        Sticker sticker = rendered(engine.render(astronaut, params(width, height, 1, false), Progress.NONE));
        assertEquals(width, sticker.width());
        assertEquals(height, sticker.height());
        assertPngSize(sticker.stickerPng(), width, height);
        assertPngSize(sticker.backgroundRemovedPng(), width, height);
    }

    @Test
    void upscaleDoublesTheSize() throws IOException {
        Sticker sticker = rendered(engine.render(astronaut, params(384, 256, 1, true), Progress.NONE));
        assertEquals(768, sticker.width());
        assertEquals(512, sticker.height());
        assertPngSize(sticker.stickerPng(), 768, 512);
        assertPngSize(sticker.backgroundRemovedPng(), 768, 512);
    }

    @Test
    void sameSeedGivesIdenticalBytesAndAnotherSeedDoesNot() {
        Sticker first = rendered(engine.render(astronaut, params(512, 512, 7, false), Progress.NONE));
        Sticker again = rendered(engine.render(astronaut, params(512, 512, 7, false), Progress.NONE));
        Sticker other = rendered(engine.render(astronaut, params(512, 512, 8, false), Progress.NONE));
        assertArrayEquals(sha256(first.stickerPng()), sha256(again.stickerPng()));
        assertArrayEquals(sha256(first.backgroundRemovedPng()), sha256(again.backgroundRemovedPng()));
        assertFalse(Arrays.equals(sha256(first.stickerPng()), sha256(other.stickerPng())));
        assertFalse(Arrays.equals(sha256(first.backgroundRemovedPng()), sha256(other.backgroundRemovedPng())));
    }

    @Test
    void promptKeywordsAreReported() {
        List<String> progress = new ArrayList<>();
        rendered(engine.render(astronaut, new StickerParams("black and white comic, gold outline", "shadow", 20, 4.5,
                0.7, 0.2, 0.5, 256, 256, false, 10, 1, true), progress::add));
        assertTrue(progress.contains("style keywords: black and white, comic, -shadow, gold outline"),
                progress.toString());
    }

    @ParameterizedTest
    @CsvSource({"/images/chelsea.png", "/images/coffee.png"})
    void photosWithoutAFaceAreRejected(String photo) throws IOException {
        Rejected rejected = assertInstanceOf(Rejected.class,
                engine.render(resource(photo), params(512, 512, 1, false), Progress.NONE));
        assertEquals("value_error.no_face", rejected.type());
        assertEquals("no face detected in the image", rejected.message());
    }

    @Test
    void hostileBytesAreRejectedWithoutThrowing() throws IOException {
        byte[] random = new byte[10_000];
        new Random(1).nextBytes(random);
        random[0] = 0x42;
        ByteArrayOutputStream tiny = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", tiny);
        assertRejected(new byte[0], "value_error.image_unreadable");
        assertRejected(null, "value_error.image_unreadable");
        assertRejected(Arrays.copyOf(astronaut, astronaut.length / 3), "value_error.image_unreadable");
        assertRejected(random, "value_error.image_unreadable");
        assertRejected(tiny.toByteArray(), "value_error.image_too_small");
        assertRejected(CraftedImages.pngClaiming(30000, 30000),
                "value_error.image_too_large");
    }

    @Test
    void sizesOutsideTheRangeAreRejected() {
        Rejected rejected = assertInstanceOf(Rejected.class,
                engine.render(astronaut, params(0, 512, 1, false), Progress.NONE));
        assertEquals("value_error.image_size", rejected.type());
    }

    private static void assertRejected(byte[] bytes, String type) {
        Rejected rejected = assertInstanceOf(Rejected.class, engine.render(bytes, params(512, 512, 1, false),
                Progress.NONE));
        assertEquals(type, rejected.type(), rejected.message());
    }

    /** Walking out from the face in 24 directions, the last few opaque cut-out pixels are white in the sticker. */
    private static void assertWhiteRingAround(BufferedImage image, BufferedImage cutout, int faceX, int faceY) {
        int width = image.getWidth();
        int height = image.getHeight();
        for (int angle = 0; angle < 360; angle += 15) {
            double dx = Math.cos(Math.toRadians(angle));
            double dy = Math.sin(Math.toRadians(angle));
            int lastOpaque = -1;
            for (int step = 0; ; step++) {
                int x = (int) Math.round(faceX + dx * step);
                int y = (int) Math.round(faceY + dy * step);
                if (x < 0 || y < 0 || x >= width || y >= height) {
                    break;
                }
                if (cutout.getRGB(x, y) >>> 24 == 255) {
                    lastOpaque = step;
                }
            }
            assertTrue(lastOpaque > 0, "no cut at angle " + angle);
            int x = (int) Math.round(faceX + dx * (lastOpaque - 3));
            int y = (int) Math.round(faceY + dy * (lastOpaque - 3));
            int rgb = image.getRGB(x, y);
            assertTrue(((rgb >> 16) & 255) > 235 && ((rgb >> 8) & 255) > 235 && (rgb & 255) > 235,
                    "white border at angle " + angle + ": " + Integer.toHexString(rgb));
        }
    }

    private static void assertPngSize(byte[] png, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
    }

    static StickerParams params(int width, int height, long seed, boolean upscale) {
        return new StickerParams("a person", "", 20, 4.5, 0.7, 0.2, 0.5, width, height, upscale, 10, seed, true);
    }

    private static Sticker rendered(RenderOutcome outcome) {
        if (outcome instanceof Rejected rejected) {
            throw new AssertionError("rejected: " + rejected);
        }
        return ((Rendered) outcome).sticker();
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = StickerEngineTest.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
