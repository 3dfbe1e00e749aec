package dev.sticker.engine.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaceChoiceTest {

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 800;

    @Test
    void theLargestFaceWinsWhenTheOthersAreClearlySmaller() {
        Face small = face(500, 400, 60);
        Face large = face(100, 100, 100);
        Face smaller = face(900, 700, 40);
        FaceChoice choice = FaceChoice.of(List.of(small, large, smaller), WIDTH, HEIGHT);
        assertSame(large, choice.face());
        assertEquals("the largest of 3 faces", choice.reason());
    }

    @Test
    void amongFacesOfSimilarSizeTheOneNearestTheCentreWins() {
        Face left = face(150, 400, 100);
        Face central = face(520, 380, 85);
        Face right = face(850, 400, 95);
        Face tiny = face(500, 420, 30);
        FaceChoice choice = FaceChoice.of(List.of(left, central, right, tiny), WIDTH, HEIGHT);
        assertSame(central, choice.face());
        assertEquals("nearest the centre of 3 faces of similar size (4 found)", choice.reason());
    }

    @Test
    void aFaceJustUnderTheSimilarSizeBarDoesNotCompete() {
        Face large = face(100, 100, 100);
        Face central = face(500, 400, 79);
        assertSame(large, FaceChoice.of(List.of(central, large), WIDTH, HEIGHT).face());
    }

    @Test
    void equallyCentralFacesGoToTheWiderOne() {
        Face narrower = face(400, 400, 90);
        Face wider = face(600, 400, 100);
        assertSame(wider, FaceChoice.of(List.of(narrower, wider), WIDTH, HEIGHT).face());
        assertSame(wider, FaceChoice.of(List.of(wider, narrower), WIDTH, HEIGHT).face());
    }

    @Test
    void aSingleFaceIsTheOnlyFace() {
        Face only = face(100, 100, 50);
        FaceChoice choice = FaceChoice.of(List.of(only), WIDTH, HEIGHT);
        assertSame(only, choice.face());
        assertEquals("the only face", choice.reason());
    }

    @Test
    void thereIsNoChoiceWithoutFaces() {
        assertThrows(IllegalArgumentException.class, () -> FaceChoice.of(List.of(), WIDTH, HEIGHT));
    }

    private static Face face(float centerX, float centerY, float width) {
        return new Face(centerX - width / 2, centerY - width / 2, width, width, 0.9f, centerX - width / 4,
                centerY - width / 6, centerX + width / 4, centerY - width / 6);
    }
}
