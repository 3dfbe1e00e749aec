package dev.sticker.engine.cut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sticker.engine.image.Parallelism;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistanceTransformTest {

    @Test
    void matchesBruteForceEuclideanDistance() {
        int width = 61;
        int height = 47;
        SplittableRandom random = new SplittableRandom(11);
        byte[] mask = new byte[width * height];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextInt(40) == 0 ? SubjectMask.SUBJECT : SubjectMask.BACKGROUND;
        }
        float[] fast = DistanceTransform.distanceTo(mask, SubjectMask.SUBJECT, width, height, Parallelism.of(2));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double best = Double.MAX_VALUE;
                for (int j = 0; j < mask.length; j++) {
                    if (mask[j] == SubjectMask.SUBJECT) {
                        best = Math.min(best, Math.hypot(j % width - x, j / width - y));
                    }
                }
                assertEquals(best, fast[y * width + x], 1e-3, "at " + x + "," + y);
            }
        }
    }

    @Test
    void noFeatureMeansFarAway() {
        float[] distance = DistanceTransform.distanceTo(new byte[100], SubjectMask.SUBJECT, 10, 10,
                Parallelism.SINGLE);
        for (float d : distance) {
            assertTrue(d > 1e6);
        }
    }
}
