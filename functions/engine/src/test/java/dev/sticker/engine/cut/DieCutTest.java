package dev.sticker.engine.cut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sticker.engine.image.Parallelism;
import org.junit.jupiter.api.Test;

class DieCutTest {

    private static final int SIDE = 200;

    @Test
    void borderSurroundsTheSubjectAtTheRequestedThickness() {
        byte[] subject = disc(100, 100, 40);
        DieCut.Shape shape = DieCut.cut(subject, SIDE, SIDE, new DieCut.Geometry(12, 6, 3, 4, 2), Parallelism.SINGLE);
        float[] cut = shape.cut();
        assertEquals(1f, cut[100 * SIDE + 100 + 45], 1e-6, "inside the border");
        assertEquals(1f, cut[100 * SIDE + 100 + 50], 1e-6, "still inside the border");
        assertEquals(0f, cut[100 * SIDE + 100 + 55], 1e-6, "beyond the border");
        assertEquals(0f, cut[0], 1e-6);
        float edge = cut[100 * SIDE + 100 + 52];
        assertTrue(edge > 0 && edge <= 1, "anti-aliased edge: " + edge);
    }

    @Test
    void closingRoundsConcaveCorners() {
        // Two discs whose borders nearly touch: the rounding fills the narrow waist between them.
        byte[] subject = disc(70, 100, 25);
        byte[] second = disc(130, 100, 25);
        for (int i = 0; i < subject.length; i++) {
            subject[i] |= second[i];
        }
        DieCut.Shape rounded = DieCut.cut(subject, SIDE, SIDE, new DieCut.Geometry(6, 8, 0, 0, 1),
                Parallelism.SINGLE);
        DieCut.Shape sharp = DieCut.cut(subject, SIDE, SIDE, new DieCut.Geometry(6, 0, 0, 0, 1), Parallelism.SINGLE);
        int waist = 100 + 12;
        assertTrue(rounded.cut()[waist * SIDE + 100] > 0.5f, "rounded cut bridges the waist");
        assertTrue(sharp.cut()[waist * SIDE + 100] < 0.5f, "plain dilation does not");
    }

    @Test
    void shadowIsOffsetAndSoft() {
        byte[] subject = disc(100, 100, 30);
        DieCut.Shape shape = DieCut.cut(subject, SIDE, SIDE, new DieCut.Geometry(8, 4, 6, 10, 3), Parallelism.SINGLE);
        float below = shape.shadow()[(100 + 30 + 8 + 6) * SIDE + 100];
        float above = shape.shadow()[(100 - 30 - 8 - 6) * SIDE + 100];
        assertTrue(below > above, "shadow falls toward the offset");
        assertTrue(below > 0 && below < 1, "soft shadow edge: " + below);
    }

    static byte[] disc(int cx, int cy, int radius) {
        byte[] mask = new byte[SIDE * SIDE];
        for (int y = 0; y < SIDE; y++) {
            for (int x = 0; x < SIDE; x++) {
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) {
                    mask[y * SIDE + x] = SubjectMask.SUBJECT;
                }
            }
        }
        return mask;
    }
}
