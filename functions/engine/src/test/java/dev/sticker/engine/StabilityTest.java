package dev.sticker.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sticker.engine.RenderOutcome.Rendered;
import dev.sticker.engine.TestPhotos.Person;
import dev.sticker.engine.image.CraftedImages;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same photo, stored differently, gives the same sticker: as PNG, JPEG at quality 95 and 75, scaled to half and
 * to twice its size, and as a JPEG stored turned with an EXIF orientation that turns it back. The stickers' alpha
 * masks, resampled to one size, must overlap with an intersection over union of at least 0.9, and their grey
 * images must correlate at least 0.9.
 */
class StabilityTest {

    private static final int COMPARED_SIDE = 256;
    private static final double MIN_IOU = 0.9;
    private static final double MIN_CORRELATION = 0.9;

    private static StickerEngine engine;

    @BeforeAll
    static void load() {
        engine = StickerEngine.load();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static Stream<Arguments> photos() {
        Map<String, Supplier<BufferedImage>> photos = new LinkedHashMap<>();
        photos.put("astronaut", () -> TestPhotos.load("astronaut"));
        photos.put("astronaut, left 400x460 tile", () -> TestPhotos.load("astronaut").getSubimage(40, 20, 400, 460));
        photos.put("astronaut in the cup photo, 1000x750", () -> TestPhotos.scene(TestPhotos.load("coffee"), 1000,
                750, new Person(560, 300, 150)));
        photos.put("astronaut turned 8 degrees", () -> turned(TestPhotos.load("astronaut"), 8));
        return photos.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("photos")
    void everyWayOfStoringThePhotoGivesTheSameSticker(String name, Supplier<BufferedImage> photo) {
        BufferedImage image = photo.get();
        int width = image.getWidth();
        int height = image.getHeight();
        Map<String, byte[]> variants = new LinkedHashMap<>();
        variants.put("JPEG 95", TestPhotos.jpeg(image, 0.95f));
        variants.put("JPEG 75", TestPhotos.jpeg(image, 0.75f));
        variants.put("scaled 0.5x", TestPhotos.png(TestPhotos.scaled(image, width / 2, height / 2)));
        variants.put("scaled 2x", TestPhotos.png(TestPhotos.scaled(image, width * 2, height * 2)));
        variants.put("EXIF-rotated JPEG", CraftedImages.withExifOrientation(
                TestPhotos.jpeg(TestPhotos.turnedClockwise(image), 0.95f), 8));
        Compared reference = render(TestPhotos.png(image));
        StringBuilder report = new StringBuilder(name);
        boolean stable = true;
        for (Map.Entry<String, byte[]> variant : variants.entrySet()) {
            Compared other = render(variant.getValue());
            double iou = reference.iou(other);
            double correlation = reference.correlation(other);
            report.append(String.format("%n  %-18s IoU %.3f, grey correlation %.3f", variant.getKey(), iou,
                    correlation));
            stable &= iou >= MIN_IOU && correlation >= MIN_CORRELATION;
        }
        assertTrue(stable, report.toString());
    }

    /** A sticker reduced to what is compared: its alpha mask and grey image at {@link #COMPARED_SIDE}. */
    private record Compared(boolean[] opaque, double[] grey) {

        double iou(Compared other) {
            int both = 0;
            int either = 0;
            for (int i = 0; i < opaque.length; i++) {
                both += opaque[i] && other.opaque[i] ? 1 : 0;
                either += opaque[i] || other.opaque[i] ? 1 : 0;
            }
            return (double) both / either;
        }

        double correlation(Compared other) {
            double meanA = mean(grey);
            double meanB = mean(other.grey);
            double ab = 0;
            double aa = 0;
            double bb = 0;
            for (int i = 0; i < grey.length; i++) {
                double a = grey[i] - meanA;
                double b = other.grey[i] - meanB;
                ab += a * b;
                aa += a * a;
                bb += b * b;
            }
            return ab / Math.sqrt(aa * bb);
        }

        private static double mean(double[] values) {
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            return sum / values.length;
        }
    }

    private static Compared render(byte[] photo) {
        RenderOutcome outcome = engine.render(photo, StickerEngineTest.params(512, 512, 42, false), Progress.NONE);
        assertTrue(outcome instanceof Rendered, outcome.toString());
        Sticker sticker = ((Rendered) outcome).sticker();
        BufferedImage cutout = TestPhotos.scaled(read(sticker.backgroundRemovedPng(), true), COMPARED_SIDE,
                COMPARED_SIDE);
        BufferedImage image = TestPhotos.scaled(read(sticker.stickerPng(), false), COMPARED_SIDE, COMPARED_SIDE);
        boolean[] opaque = new boolean[COMPARED_SIDE * COMPARED_SIDE];
        double[] grey = new double[opaque.length];
        for (int i = 0; i < opaque.length; i++) {
            int x = i % COMPARED_SIDE;
            int y = i / COMPARED_SIDE;
            opaque[i] = cutout.getRGB(x, y) >>> 24 >= 128;
            int rgb = image.getRGB(x, y);
            grey[i] = 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
        }
        return new Compared(opaque, grey);
    }

    private static BufferedImage read(byte[] png, boolean alpha) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertTrue(image.getColorModel().hasAlpha() == alpha);
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The photo turned {@code degrees} clockwise about its centre, on white, at its own size. */
    private static BufferedImage turned(BufferedImage image, double degrees) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.rotate(Math.toRadians(degrees), image.getWidth() / 2.0, image.getHeight() / 2.0);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }
}
