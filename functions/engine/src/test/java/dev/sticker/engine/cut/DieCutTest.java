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
        float[] cut = planes(shape)[1];
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
        assertTrue(planes(rounded)[1][waist * SIDE + 100] > 0.5f, "rounded cut bridges the waist");
        assertTrue(planes(sharp)[1][waist * SIDE + 100] < 0.5f, "plain dilation does not");
    }

    @Test
    void shadowIsOffsetAndSoft() {
        byte[] subject = disc(100, 100, 30);
        DieCut.Shape shape = DieCut.cut(subject, SIDE, SIDE, new DieCut.Geometry(8, 4, 6, 10, 3), Parallelism.SINGLE);
        float[] shadow = planes(shape)[2];
        float below = shadow[(100 + 30 + 8 + 6) * SIDE + 100];
        float above = shadow[(100 - 30 - 8 - 6) * SIDE + 100];
        assertTrue(below > above, "shadow falls toward the offset");
        assertTrue(below > 0 && below < 1, "soft shadow edge: " + below);
    }

    @Test
    void rowsComeOutTheSameWhicheverRangesTheyAreAskedIn() {
        DieCut.Shape shape = DieCut.cut(disc(90, 110, 35), SIDE, SIDE, new DieCut.Geometry(9, 5, 4, 6, 2),
                Parallelism.SINGLE);
        float[][] whole = planes(shape);
        int y0 = 57;
        int y1 = 131;
        float[][] part = {new float[(y1 - y0) * SIDE], new float[(y1 - y0) * SIDE], new float[(y1 - y0) * SIDE]};
        shape.rows(y0, y1, part[0], part[1], part[2]);
        for (int p = 0; p < 3; p++) {
            for (int i = 0; i < part[p].length; i++) {
                assertEquals(whole[p][y0 * SIDE + i], part[p][i], "plane " + p + " at " + i);
            }
        }
    }

    @Test
    void theSubjectEdgeIsSmoothedOverOnePixel() {
        float[] subject = planes(DieCut.cut(disc(100, 100, 40), SIDE, SIDE, new DieCut.Geometry(8, 4, 0, 0, 1),
                Parallelism.SINGLE))[0];
        assertEquals(1f, subject[100 * SIDE + 100], 1e-6);
        assertEquals(0f, subject[100 * SIDE + 160], 1e-6);
        float edge = subject[100 * SIDE + 140];
        assertTrue(edge > 0.2f && edge < 0.8f, "edge " + edge);
    }

    /** The subject, cut and shadow planes, whole. */
    private static float[][] planes(DieCut.Shape shape) {
        float[][] planes = {new float[SIDE * SIDE], new float[SIDE * SIDE], new float[SIDE * SIDE]};
        shape.rows(0, SIDE, planes[0], planes[1], planes[2]);
        return planes;
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
