package dev.sticker.engine.image;

/**
 * Separable box filter on a float plane with edge replication, O(1) per pixel whatever the radius. Repeated
 * passes approximate a Gaussian.
 */
public final class BoxBlur {

    private BoxBlur() {
    }

    /**
     * Writes the mean over the {@code (2r+1)^2} window of {@code src} into {@code dst} ({@code dst} may be
     * {@code src}); {@code tmp} is scratch of the same size and must be neither.
     */
    public static void blur(float[] src, float[] dst, float[] tmp, int width, int height, int radius,
                            Parallelism parallelism) {
        if (radius <= 0) {
            System.arraycopy(src, 0, dst, 0, width * height);
            return;
        }
        parallelism.forRows(height, (from, to) -> {
            for (int y = from; y < to; y++) {
                horizontal(src, tmp, y * width, width, radius);
            }
        });
        parallelism.forRange(width, 64, (from, to) -> vertical(tmp, dst, width, height, radius, from, to));
    }

    /** Blurs {@code plane} in place {@code passes} times; allocates its own scratch. */
    public static void blurInPlace(float[] plane, int width, int height, int radius, int passes,
                                   Parallelism parallelism) {
        float[] tmp = new float[plane.length];
        for (int pass = 0; pass < passes; pass++) {
            blur(plane, plane, tmp, width, height, radius, parallelism);
        }
    }

    private static void horizontal(float[] src, float[] dst, int offset, int width, int radius) {
        float inverse = 1f / (2 * radius + 1);
        int last = width - 1;
        float sum = (radius + 1) * src[offset];
        for (int i = 1; i <= radius; i++) {
            sum += src[offset + Math.min(i, last)];
        }
        for (int x = 0; x < width; x++) {
            dst[offset + x] = sum * inverse;
            sum += src[offset + Math.min(x + radius + 1, last)] - src[offset + Math.max(x - radius, 0)];
        }
    }

    private static void vertical(float[] src, float[] dst, int width, int height, int radius, int x0, int x1) {
        float inverse = 1f / (2 * radius + 1);
        int last = height - 1;
        int span = x1 - x0;
        float[] sum = new float[span];
        for (int x = 0; x < span; x++) {
            sum[x] = (radius + 1) * src[x0 + x];
        }
        for (int i = 1; i <= radius; i++) {
            int row = Math.min(i, last) * width + x0;
            for (int x = 0; x < span; x++) {
                sum[x] += src[row + x];
            }
        }
        for (int y = 0; y < height; y++) {
            int outRow = y * width + x0;
            int addRow = Math.min(y + radius + 1, last) * width + x0;
            int leaveRow = Math.max(y - radius, 0) * width + x0;
            for (int x = 0; x < span; x++) {
                dst[outRow + x] = sum[x] * inverse;
                sum[x] += src[addRow + x] - src[leaveRow + x];
            }
        }
    }
}
