package dev.sticker.engine.safety;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SkinExposureTest {

    private static final int SIDE = 100;

    @Test
    void bareSkinBelowTheFaceIsFlagged() {
        assertTrue(judge(0xE0AC8C).flagged());
    }

    @Test
    void clothingBelowTheFaceIsNot() {
        assertFalse(judge(0x2A4D8F).flagged());
        assertFalse(judge(0xF07820).flagged(), "an orange suit is not skin");
    }

    @Test
    void tooLittleBodyIsNotJudged() {
        int[] rgb = new int[SIDE * SIDE];
        Arrays.fill(rgb, 0xE0AC8C);
        byte[] subject = new byte[SIDE * SIDE];
        subject[99 * SIDE + 50] = 1;
        assertFalse(SkinExposure.judge(rgb, subject, SIDE, SIDE, 40, 400).flagged());
    }

    private static SkinExposure.Verdict judge(int bodyColor) {
        int[] rgb = new int[SIDE * SIDE];
        Arrays.fill(rgb, 0, 40 * SIDE, 0xE0AC8C);
        Arrays.fill(rgb, 40 * SIDE, SIDE * SIDE, bodyColor);
        byte[] subject = new byte[SIDE * SIDE];
        Arrays.fill(subject, (byte) 1);
        return SkinExposure.judge(rgb, subject, SIDE, SIDE, 40, 400);
    }
}
