package dev.sticker.engine.cut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sticker.engine.image.Parallelism;
import dev.sticker.engine.image.RgbImage;
import dev.sticker.engine.image.Sampler;
import org.junit.jupiter.api.Test;

class SubjectMaskTest {

    private static final int SIDE = 40;

    @Test
    void keepsTheRegionUnderTheSeedAndFillsItsHoles() {
        float[] probability = new float[SIDE * SIDE];
        fill(probability, 5, 5, 20, 20, 0.9f);
        fill(probability, 10, 10, 14, 14, 0.1f);
        fill(probability, 28, 28, 36, 36, 0.8f);
        byte[] region = SubjectMask.regionAt(probability, SIDE, SIDE, 7, 7);
        assertEquals(SubjectMask.SUBJECT, region[12 * SIDE + 12], "hole filled");
        assertEquals(SubjectMask.BACKGROUND, region[30 * SIDE + 30], "other island dropped");
        assertEquals(15 * 15, count(region));
    }

    @Test
    void seedOutsideFindsTheNearestRegion() {
        float[] probability = new float[SIDE * SIDE];
        fill(probability, 25, 25, 30, 30, 1f);
        byte[] region = SubjectMask.regionAt(probability, SIDE, SIDE, 2, 2);
        assertEquals(25, count(region));
    }

    @Test
    void nothingAboveThresholdGivesAnEmptyMask() {
        assertEquals(0, count(SubjectMask.regionAt(new float[SIDE * SIDE], SIDE, SIDE, 20, 20)));
    }

    @Test
    void refinementSnapsACoarseEdgeToThePortraitEdge() {
        int side = 512;
        int[] pixels = new int[side * side];
        float[] coarse = new float[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                pixels[y * side + x] = x < 256 ? 0xE6E6E6 : 0x1A1A1A;
                // The coarse mask overshoots the true edge by 3 pixels.
                coarse[y * side + x] = x < 259 ? 1f : 0f;
            }
        }
        int factor = SubjectMask.refineFactor(side, side);
        byte[] refined = SubjectMask.refine(new RgbImage(side, side, pixels), Sampler.shrink(coarse, side, side,
                factor), factor, Parallelism.SINGLE);
        int row = 200 * side;
        assertEquals(SubjectMask.SUBJECT, refined[row + 252], "left of the photo edge stays subject");
        assertEquals(SubjectMask.BACKGROUND, refined[row + 257], "right of the photo edge becomes background");
    }

    private static void fill(float[] plane, int x0, int y0, int x1, int y1, float value) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                plane[y * SIDE + x] = value;
            }
        }
    }

    static int count(byte[] mask) {
        int n = 0;
        for (byte b : mask) {
            n += b == SubjectMask.SUBJECT ? 1 : 0;
        }
        return n;
    }
}
