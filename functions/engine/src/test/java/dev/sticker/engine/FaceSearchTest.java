package dev.sticker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sticker.engine.RenderOutcome.Rejected;
import dev.sticker.engine.RenderOutcome.Rendered;
import dev.sticker.engine.TestPhotos.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which face a photo's sticker is made of: small faces in large photos, and the choice among several. */
class FaceSearchTest {

    private static final Pattern FACE_FOUND = Pattern.compile(
            "face found \\((\\d+)x(\\d+) at (\\d+),(\\d+), score [0-9.]+; (.*)\\)");

    private static StickerEngine engine;

    @BeforeAll
    static void load() {
        engine = StickerEngine.load();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 60, 90, 130})
    void aFaceFromFortyPixelsUpInA1600x1200PhotoBecomesTheSticker(int faceWidth) {
        byte[] photo = TestPhotos.jpeg(TestPhotos.scene(TestPhotos.load("coffee"), 1600, 1200,
                new Person(1000, 450, faceWidth)), 0.9f);
        FoundFace found = render(photo);
        assertNear(found, 1000, 450, faceWidth);
    }

    @Test
    void aFortyPixelFaceIsFoundInA40MegapixelPhoto() {
        byte[] photo = TestPhotos.jpeg(TestPhotos.scene(TestPhotos.load("chelsea"), 7300, 5470,
                new Person(5000, 1600, 42)), 0.85f);
        FoundFace found = render(photo);
        assertTrue(found.progress().contains("looking for small faces"), found.progress().toString());
        assertNear(found, 5000, 1600, 42);
    }

    @Test
    void theSmallFaceSearchRunsOnlyWhenTheWholeFramePassesFindNothing() {
        FoundFace found = render(TestPhotos.png(TestPhotos.load("astronaut")));
        assertFalse(found.progress().contains("looking for small faces"), found.progress().toString());
        assertEquals("the only face", found.reason());
    }

    @Test
    void aFacelessLargePhotoIsStillRefused() {
        byte[] photo = TestPhotos.jpeg(TestPhotos.scaled(TestPhotos.load("chelsea"), 1804, 1200), 0.9f);
        Rejected rejected = assertInstanceOf(Rejected.class,
                engine.render(photo, StickerEngineTest.params(256, 256, 1, false), Progress.NONE));
        assertEquals("value_error.no_face", rejected.type());
    }

    @Test
    void theClearlyLargestOfSeveralFacesIsChosenWhereverItIs() {
        byte[] photo = TestPhotos.jpeg(TestPhotos.scene(TestPhotos.load("coffee"), 1600, 1200,
                new Person(800, 550, 46), new Person(1350, 300, 72), new Person(300, 600, 50)), 0.9f);
        FoundFace found = render(photo);
        assertNear(found, 1350, 300, 72);
        assertEquals("the largest of 3 faces", found.reason());
    }

    @Test
    void amongFacesOfSimilarSizeTheOneNearestTheCentreIsChosen() {
        byte[] photo = TestPhotos.jpeg(TestPhotos.scene(TestPhotos.load("coffee"), 1600, 1200,
                new Person(300, 550, 60), new Person(850, 580, 54), new Person(1350, 500, 58)), 0.9f);
        FoundFace found = render(photo);
        assertNear(found, 850, 580, 54);
        assertEquals("nearest the centre of 3 faces of similar size (3 found)", found.reason());
    }

    /** The face the progress reports, in the photo's pixels, and how it was chosen. */
    private record FoundFace(double centerX, double centerY, double width, String reason, List<String> progress) {
    }

    private static FoundFace render(byte[] photo) {
        List<String> progress = new ArrayList<>();
        RenderOutcome outcome = engine.render(photo, StickerEngineTest.params(256, 256, 1, false), progress::add);
        assertInstanceOf(Rendered.class, outcome, () -> outcome + " " + progress);
        for (String line : progress) {
            Matcher m = FACE_FOUND.matcher(line);
            if (m.matches()) {
                double width = Double.parseDouble(m.group(1));
                double height = Double.parseDouble(m.group(2));
                return new FoundFace(Double.parseDouble(m.group(3)) + width / 2,
                        Double.parseDouble(m.group(4)) + height / 2, width, m.group(5), progress);
            }
        }
        throw new AssertionError("no face line in " + progress);
    }

    private static void assertNear(FoundFace found, double x, double y, double width) {
        assertTrue(Math.abs(found.centerX() - x) < 0.3 * width && Math.abs(found.centerY() - y) < 0.3 * width
                && Math.abs(found.width() - width) < 0.35 * width, "expected a " + width + " px face at " + x + ","
                + y + ": " + found);
    }
}
