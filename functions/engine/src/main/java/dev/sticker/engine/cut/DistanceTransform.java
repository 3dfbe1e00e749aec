package dev.sticker.engine.cut;

import dev.sticker.engine.image.Parallelism;
import java.util.Arrays;

/**
 * Exact Euclidean distance transform of a binary mask (Felzenszwalb and Huttenlocher), O(n) in the number of
 * pixels. For a binary mask the vertical pass reduces to the distance to the nearest feature in the same column,
 * found by two row-major sweeps; the horizontal pass is the lower envelope of parabolas. Both passes walk memory
 * in order.
 */
public final class DistanceTransform {

    private static final float FAR = 1e20f;

    private DistanceTransform() {
    }

    /**
     * For every pixel, the Euclidean distance to the nearest pixel whose {@code mask} value equals {@code feature}
     * (a very large value when there is none).
     */
    public static float[] distanceTo(byte[] mask, byte feature, int width, int height, Parallelism parallelism) {
        float[] grid = new float[width * height];
        parallelism.forRange(width, 256, (from, to) -> columnDistances(mask, feature, width, height, from, to, grid));
        parallelism.forRows(height, (from, to) -> {
            Envelope envelope = new Envelope(width);
            for (int y = from; y < to; y++) {
                int row = y * width;
                System.arraycopy(grid, row, envelope.f, 0, width);
                envelope.solve(width);
                for (int x = 0; x < width; x++) {
                    grid[row + x] = (float) Math.sqrt(envelope.d[x]);
                }
            }
        });
        return grid;
    }

    /** Squared distance to the nearest feature in the same column, for columns {@code [x0, x1)}. */
    private static void columnDistances(byte[] mask, byte feature, int width, int height, int x0, int x1,
                                        float[] grid) {
        int span = x1 - x0;
        int[] since = new int[span];
        Arrays.fill(since, -1);
        for (int y = 0; y < height; y++) {
            int row = y * width + x0;
            for (int x = 0; x < span; x++) {
                if (mask[row + x] == feature) {
                    since[x] = y;
                }
                grid[row + x] = since[x] < 0 ? FAR : y - since[x];
            }
        }
        Arrays.fill(since, -1);
        for (int y = height - 1; y >= 0; y--) {
            int row = y * width + x0;
            for (int x = 0; x < span; x++) {
                if (mask[row + x] == feature) {
                    since[x] = y;
                }
                float below = since[x] < 0 ? FAR : since[x] - y;
                float above = grid[row + x];
                float nearest = above < below ? above : below;
                grid[row + x] = nearest >= FAR ? FAR : nearest * nearest;
            }
        }
    }

    /** Scratch for the 1-D squared distance transform of a sampled function {@code f}. */
    private static final class Envelope {
        final float[] f;
        final float[] d;
        final int[] v;
        final float[] z;

        Envelope(int n) {
            f = new float[n];
            d = new float[n];
            v = new int[n];
            z = new float[n + 1];
        }

        void solve(int n) {
            int k = 0;
            v[0] = 0;
            z[0] = Float.NEGATIVE_INFINITY;
            z[1] = Float.POSITIVE_INFINITY;
            for (int q = 1; q < n; q++) {
                float s = intersection(q, v[k]);
                while (s <= z[k]) {
                    k--;
                    s = intersection(q, v[k]);
                }
                k++;
                v[k] = q;
                z[k] = s;
                z[k + 1] = Float.POSITIVE_INFINITY;
            }
            k = 0;
            for (int q = 0; q < n; q++) {
                while (z[k + 1] < q) {
                    k++;
                }
                float delta = q - v[k];
                d[q] = delta * delta + f[v[k]];
            }
        }

        private float intersection(int q, int p) {
            return ((f[q] + (float) q * q) - (f[p] + (float) p * p)) / (2f * (q - p));
        }
    }
}
