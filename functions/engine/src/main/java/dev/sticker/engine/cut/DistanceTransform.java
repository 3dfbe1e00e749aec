package dev.sticker.engine.cut;

import dev.sticker.engine.image.Parallelism;

/**
 * Exact Euclidean distance transform by Felzenszwalb and Huttenlocher: two passes of the 1-D lower envelope of
 * parabolas, O(n) in the number of pixels.
 */
public final class DistanceTransform {

    private static final double FAR = 1e20;

    private DistanceTransform() {
    }

    /**
     * For every pixel, the Euclidean distance to the nearest pixel whose {@code mask} value equals {@code feature}
     * (a very large value when there is none).
     */
    public static float[] distanceTo(byte[] mask, byte feature, int width, int height, Parallelism parallelism) {
        float[] grid = new float[width * height];
        parallelism.forRange(width, 64, (from, to) -> {
            Envelope envelope = new Envelope(height);
            for (int x = from; x < to; x++) {
                for (int y = 0; y < height; y++) {
                    envelope.f[y] = mask[y * width + x] == feature ? 0 : FAR;
                }
                envelope.solve(height);
                for (int y = 0; y < height; y++) {
                    grid[y * width + x] = (float) envelope.d[y];
                }
            }
        });
        parallelism.forRows(height, (from, to) -> {
            Envelope envelope = new Envelope(width);
            for (int y = from; y < to; y++) {
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    envelope.f[x] = grid[row + x] >= FAR / 2 ? FAR : grid[row + x];
                }
                envelope.solve(width);
                for (int x = 0; x < width; x++) {
                    grid[row + x] = (float) Math.sqrt(envelope.d[x]);
                }
            }
        });
        return grid;
    }

    /** Scratch for the 1-D squared distance transform of a sampled function {@code f}. */
    private static final class Envelope {
        final double[] f;
        final double[] d;
        final int[] v;
        final double[] z;

        Envelope(int n) {
            f = new double[n];
            d = new double[n];
            v = new int[n];
            z = new double[n + 1];
        }

        void solve(int n) {
            int k = 0;
            v[0] = 0;
            z[0] = Double.NEGATIVE_INFINITY;
            z[1] = Double.POSITIVE_INFINITY;
            for (int q = 1; q < n; q++) {
                double s = intersection(q, v[k]);
                while (s <= z[k]) {
                    k--;
                    s = intersection(q, v[k]);
                }
                k++;
                v[k] = q;
                z[k] = s;
                z[k + 1] = Double.POSITIVE_INFINITY;
            }
            k = 0;
            for (int q = 0; q < n; q++) {
                while (z[k + 1] < q) {
                    k++;
                }
                double delta = q - v[k];
                d[q] = delta * delta + f[v[k]];
            }
        }

        private double intersection(int q, int p) {
            return ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
        }
    }
}
