package dev.sticker.engine.image;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SamplerTest {

    @Test
    void samplingMatchesPlainBilinearInterpolationForAnyDirectionAndScale() {
        SplittableRandom random = new SplittableRandom(11);
        int w = 37;
        int h = 29;
        int[] pixels = new int[w * h];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(1 << 24);
        }
        RgbImage source = new RgbImage(w, h, pixels);
        for (int trial = 0; trial < 40; trial++) {
            double angle = random.nextDouble(0, 2 * Math.PI);
            double scale = random.nextDouble(0.2, 3);
            double cos = Math.cos(angle) * scale;
            double sin = Math.sin(angle) * scale;
            // the output's centre lands near the source's, so rows cross its edges in both directions
            Affine toSource = new Affine(cos, -sin, w / 2.0 - 20 * cos + 20 * sin + random.nextDouble(-9, 9), sin,
                    cos, h / 2.0 - 20 * sin - 20 * cos + random.nextDouble(-9, 9));
            RgbImage sampled = Sampler.sample(source, toSource, 40, 40, null, Parallelism.SINGLE);
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 40; x++) {
                    int expected = reference(source, toSource.x(x + 0.5, y + 0.5) - 0.5,
                            toSource.y(x + 0.5, y + 0.5) - 0.5);
                    int actual = sampled.rgb(x, y);
                    for (int shift = 0; shift <= 16; shift += 8) {
                        int difference = Math.abs(((expected >> shift) & 255) - ((actual >> shift) & 255));
                        assertTrue(difference <= 2, "trial " + trial + " at " + x + "," + y + ": "
                                + Integer.toHexString(expected) + " vs " + Integer.toHexString(actual));
                    }
                }
            }
        }
    }

    /** Bilinear interpolation in doubles, edges repeated. */
    private static int reference(RgbImage image, double sx, double sy) {
        int x0 = (int) Math.floor(sx);
        int y0 = (int) Math.floor(sy);
        double ax = sx - x0;
        double ay = sy - y0;
        int result = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            double top = (1 - ax) * channel(image, x0, y0, shift) + ax * channel(image, x0 + 1, y0, shift);
            double bottom = (1 - ax) * channel(image, x0, y0 + 1, shift) + ax * channel(image, x0 + 1, y0 + 1, shift);
            result |= (int) Math.round((1 - ay) * top + ay * bottom) << shift;
        }
        return result;
    }

    private static int channel(RgbImage image, int x, int y, int shift) {
        int cx = Math.max(0, Math.min(image.width() - 1, x));
        int cy = Math.max(0, Math.min(image.height() - 1, y));
        return (image.rgb(cx, cy) >> shift) & 255;
    }
}
