package dev.sticker.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BoxBlurTest {

    @Test
    void equalsWindowMeanWithEdgeReplication() {
        int width = 23;
        int height = 17;
        int radius = 3;
        float[] plane = new float[width * height];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < plane.length; i++) {
            plane[i] = (float) random.nextDouble();
        }
        float[] blurred = new float[plane.length];
        BoxBlur.blur(plane, blurred, new float[plane.length], width, height, radius, Parallelism.of(2));
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sum = 0;
                for (int dy = -radius; dy <= radius; dy++) {
                    for (int dx = -radius; dx <= radius; dx++) {
                        int sx = Math.min(width - 1, Math.max(0, x + dx));
                        int sy = Math.min(height - 1, Math.max(0, y + dy));
                        sum += plane[sy * width + sx];
                    }
                }
                assertEquals(sum / ((2 * radius + 1) * (2 * radius + 1)), blurred[y * width + x], 1e-4);
            }
        }
    }

    @Test
    void inPlaceBlurMatchesOutOfPlace() {
        float[] plane = new float[40 * 30];
        for (int i = 0; i < plane.length; i++) {
            plane[i] = (i * 37 % 101) / 101f;
        }
        float[] expected = new float[plane.length];
        BoxBlur.blur(plane, expected, new float[plane.length], 40, 30, 4, Parallelism.SINGLE);
        BoxBlur.blur(plane, plane, new float[plane.length], 40, 30, 4, Parallelism.SINGLE);
        for (int i = 0; i < plane.length; i++) {
            assertEquals(expected[i], plane[i], 0f);
        }
    }
}
