package dev.sticker.engine.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sticker.engine.TestPhotos;
import dev.sticker.engine.TestPhotos.Person;
import dev.sticker.engine.image.Parallelism;
import dev.sticker.engine.image.RgbImage;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small-face search on scenes with the astronaut pasted small into the cup photo, and on faceless photos. */
class SmallFacesTest {

    private static final int WIDTH = 1600;
    private static final int HEIGHT = 1200;
    private static final double SMALLEST = 40;

    private static FaceFinder finder;

    @BeforeAll
    static void load() {
        finder = FaceFinder.load();
    }

    @ParameterizedTest
    @CsvSource({
        "800, 600", // middle
        "30, 40", // top-left corner, head and shoulders cut by the edge
        "1570, 1150", // bottom-right corner
        "931, 300", // on the right edge of the first square of the search
        "700, 660", // where four squares overlap
    })
    void aFortyPixelFaceIsFoundWhereverItIs(double faceX, double faceY) {
        RgbImage photo = RgbImage.of(TestPhotos.scene(TestPhotos.load("coffee"), WIDTH, HEIGHT,
                new Person(faceX, faceY, SMALLEST)));
        assertTrue(finder.faces(photo).isEmpty(), "the whole-frame passes see no face this small");
        List<Face> faces = finder.smallFaces(photo, SMALLEST, Parallelism.SINGLE);
        assertEquals(1, faces.size(), faces.toString());
        Face face = faces.get(0);
        assertTrue(Math.abs(face.centerX() - faceX) < 0.3 * SMALLEST
                && Math.abs(face.centerY() - faceY) < 0.3 * SMALLEST, face.toString());
        assertTrue(face.width() > 0.75 * SMALLEST && face.width() < 1.4 * SMALLEST, face.toString());
    }

    @Test
    void everyFaceOfSeveralIsFoundWithItsOwnBox() {
        RgbImage photo = RgbImage.of(TestPhotos.scene(TestPhotos.load("chelsea"), WIDTH, HEIGHT,
                new Person(300, 500, 44), new Person(700, 520, 60), new Person(1200, 480, 50)));
        List<Face> faces = finder.smallFaces(photo, SMALLEST, Parallelism.SINGLE);
        assertEquals(3, faces.size(), faces.toString());
        for (double[] expected : new double[][] {{300, 500, 44}, {700, 520, 60}, {1200, 480, 50}}) {
            assertTrue(faces.stream().anyMatch(f -> Math.abs(f.centerX() - expected[0]) < 0.3 * expected[2]
                    && Math.abs(f.width() - expected[2]) < 0.35 * expected[2]), "face at " + expected[0] + ": " + faces);
        }
    }

    @Test
    void largeFacelessPhotosStayFaceless() {
        for (String name : List.of("chelsea", "coffee")) {
            var image = TestPhotos.load(name);
            RgbImage photo = RgbImage.of(TestPhotos.scaled(image, image.getWidth() * 4, image.getHeight() * 4));
            List<Face> faces = finder.smallFaces(photo, SMALLEST, Parallelism.SINGLE);
            assertTrue(faces.isEmpty(), name + " x4: " + faces);
        }
    }

    @Test
    void theSameFacesAreFoundWithAnyNumberOfThreads() {
        RgbImage photo = RgbImage.of(TestPhotos.scene(TestPhotos.load("coffee"), WIDTH, HEIGHT,
                new Person(400, 300, 42), new Person(1300, 900, 48)));
        try (Parallelism threads = Parallelism.of(3)) {
            assertEquals(finder.smallFaces(photo, SMALLEST, Parallelism.SINGLE),
                    finder.smallFaces(photo, SMALLEST, threads));
        }
    }
}
