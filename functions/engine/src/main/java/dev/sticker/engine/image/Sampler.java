package dev.sticker.engine.image;

/** Bilinear resampling of images and float planes through an affine map from output to source coordinates. */
public final class Sampler {

    private Sampler() {
    }

    /**
     * Renders {@code outWidth x outHeight} pixels whose centres map through {@code toSource} into {@code source};
     * outside the source the nearest edge pixel is repeated. If {@code inside} is given, it receives 1 where the
     * pixel centre falls within the source and 0 elsewhere.
     */
    public static RgbImage sample(RgbImage source, Affine toSource, int outWidth, int outHeight, float[] inside,
                                  Parallelism parallelism) {
        int[] out = new int[outWidth * outHeight];
        int w = source.width();
        int h = source.height();
        int[] src = source.pixels();
        // Source coordinates in 16.16 fixed point, stepped along each row.
        long stepX = Math.round(toSource.m00() * 65536);
        long stepY = Math.round(toSource.m10() * 65536);
        long insideMinimum = -32768;
        long insideMaximumX = ((long) w << 16) - 32768;
        long insideMaximumY = ((long) h << 16) - 32768;
        // where all four neighbours lie inside the source, no coordinate needs clamping
        long interiorX = (long) (w - 1) << 16;
        long interiorY = (long) (h - 1) << 16;
        parallelism.forRows(outHeight, (from, to) -> {
            for (int y = from; y < to; y++) {
                double cy = y + 0.5;
                long startX = Math.round((toSource.x(0.5, cy) - 0.5) * 65536);
                long startY = Math.round((toSource.y(0.5, cy) - 0.5) * 65536);
                int row = y * outWidth;
                if (inside != null) {
                    long sx = startX;
                    long sy = startY;
                    for (int x = 0; x < outWidth; x++, sx += stepX, sy += stepY) {
                        inside[row + x] = sx >= insideMinimum && sy >= insideMinimum && sx <= insideMaximumX
                                && sy <= insideMaximumY ? 1f : 0f;
                    }
                }
                // the run of the row whose samples need no clamping, then the clamped samples either side of it
                int[] run = {0, outWidth};
                narrow(startX, stepX, interiorX, run);
                narrow(startY, stepY, interiorY, run);
                int first = run[0];
                int end = Math.max(run[0], run[1]);
                long sx = startX;
                long sy = startY;
                for (int x = 0; x < first; x++, sx += stepX, sy += stepY) {
                    out[row + x] = bilinear(src, w, h, sx, sy);
                }
                for (int x = first; x < end; x++, sx += stepX, sy += stepY) {
                    out[row + x] = interior(src, w, sx, sy);
                }
                for (int x = end; x < outWidth; x++, sx += stepX, sy += stepY) {
                    out[row + x] = bilinear(src, w, h, sx, sy);
                }
            }
        });
        return new RgbImage(outWidth, outHeight, out);
    }

    /** Same as {@link #sample} for a single-channel plane, with 0 outside the source. */
    public static float[] sample(float[] plane, int width, int height, Affine toSource, int outWidth, int outHeight,
                                 Parallelism parallelism) {
        float[] out = new float[outWidth * outHeight];
        parallelism.forRows(outHeight, (from, to) -> {
            for (int y = from; y < to; y++) {
                double cy = y + 0.5;
                for (int x = 0; x < outWidth; x++) {
                    double cx = x + 0.5;
                    out[y * outWidth + x] = bilinear(plane, width, height,
                            toSource.x(cx, cy) - 0.5, toSource.y(cx, cy) - 0.5);
                }
            }
        });
        return out;
    }

    /** Resizes a plane to {@code outWidth x outHeight} (pixel-centre aligned), repeating edge values. */
    public static float[] resize(float[] plane, int width, int height, int outWidth, int outHeight,
                                 Parallelism parallelism) {
        float[] out = new float[outWidth * outHeight];
        Taps columns = Taps.of(width, outWidth);
        Taps rows = Taps.of(height, outHeight);
        parallelism.forRows(outHeight, (from, to) -> resizeRows(plane, width, columns, rows, from, to, out, from));
        return out;
    }

    /**
     * Rows {@code [from, to)} of {@link #resize}'s result, written to {@code out} from row {@code from - firstRow}:
     * the same values, for a caller that needs a few rows at a time.
     */
    public static void resizeRows(float[] plane, int width, Taps columns, Taps rows, int from, int to, float[] out,
                                  int firstRow) {
        int outWidth = columns.first().length;
        float[] blended = new float[width];
        RowBlender blender = new RowBlender(width);
        Doubler doubler = outWidth == 2 * width ? new Doubler(width) : null;
        float[] widened = new float[outWidth];
        for (int y = from; y < to; y++) {
            blender.blend(plane, rows.first[y] * width, rows.second[y] * width, rows.weight[y], blended);
            int row = (y - firstRow) * outWidth;
            if (doubler != null) {
                doubler.widen(blended, widened);
                System.arraycopy(widened, 0, out, row, outWidth);
                continue;
            }
            for (int x = 0; x < outWidth; x++) {
                float left = blended[columns.first[x]];
                out[row + x] = left + columns.weight[x] * (blended[columns.second[x]] - left);
            }
        }
    }

    /**
     * Upsamples a half-size row to exactly twice its width with the taps {@link Taps} gives for that case
     * (output 2k blends inputs k - 1 and k at 3/4, output 2k + 1 blends k and k + 1 at 1/4, edges repeated): the
     * even and odd outputs in vectorised loops over shifted copies, then interleaved. Keeps scratch rows: one per
     * thread.
     */
    public static final class Doubler {
        private final float[] previous;
        private final float[] next;
        private final float[] even;
        private final float[] odd;

        public Doubler(int lowWidth) {
            previous = new float[lowWidth];
            next = new float[lowWidth];
            even = new float[lowWidth];
            odd = new float[lowWidth];
        }

        /** {@code low} upsampled into {@code out}, which is twice as long. */
        public void widen(float[] low, float[] out) {
            int n = low.length;
            previous[0] = low[0];
            System.arraycopy(low, 0, previous, 1, n - 1);
            System.arraycopy(low, 1, next, 0, n - 1);
            next[n - 1] = low[n - 1];
            for (int k = 0; k < n; k++) {
                float from = previous[k];
                even[k] = from + 0.75f * (low[k] - from);
            }
            for (int k = 0; k < n; k++) {
                float from = low[k];
                odd[k] = from + 0.25f * (next[k] - from);
            }
            for (int k = 0; k < n; k++) {
                out[2 * k] = even[k];
                out[2 * k + 1] = odd[k];
            }
        }
    }

    /**
     * Blends two rows of a plane, the vertical half of a separable bilinear upsampling. The rows are first copied to
     * buffers of its own, indexed from 0 like the output: C2 vectorises the blend only when all its arrays are
     * indexed alike. One per thread.
     */
    public static final class RowBlender {
        private final float[] upper;
        private final float[] lower;

        public RowBlender(int width) {
            upper = new float[width];
            lower = new float[width];
        }

        /**
         * {@code out[x] = plane[top + x] + weight * (plane[bottom + x] - plane[top + x])} for the
         * {@code out.length} values of a row, {@code weight} being the bottom row's share.
         */
        public void blend(float[] plane, int top, int bottom, float weight, float[] out) {
            int n = out.length;
            System.arraycopy(plane, top, upper, 0, n);
            System.arraycopy(plane, bottom, lower, 0, n);
            for (int x = 0; x < n; x++) {
                float above = upper[x];
                out[x] = above + weight * (lower[x] - above);
            }
        }
    }

    /**
     * The two source indices and the weight of the second for each output index of a pixel-centre aligned linear
     * resize from {@code size} to {@code outSize}, clamped at the edges.
     */
    public record Taps(int[] first, int[] second, float[] weight) {

        public static Taps of(int size, int outSize) {
            int[] first = new int[outSize];
            int[] second = new int[outSize];
            float[] weight = new float[outSize];
            double scale = (double) size / outSize;
            for (int i = 0; i < outSize; i++) {
                double at = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), size - 1);
                first[i] = (int) at;
                second[i] = Math.min(first[i] + 1, size - 1);
                weight[i] = (float) (at - first[i]);
            }
            return new Taps(first, second, weight);
        }
    }

    /** Averages {@code factor x factor} blocks (blocks cut by the edge average what they have). */
    public static float[] shrink(float[] plane, int width, int height, int factor) {
        int outWidth = (width + factor - 1) / factor;
        int outHeight = (height + factor - 1) / factor;
        float[] out = new float[outWidth * outHeight];
        if (factor == 2 && width % 2 == 0 && height % 2 == 0) {
            // the common halving, without the general loops; the same sums in the same order
            for (int oy = 0; oy < outHeight; oy++) {
                int top = 2 * oy * width;
                int bottom = top + width;
                int row = oy * outWidth;
                for (int ox = 0; ox < outWidth; ox++) {
                    int x = 2 * ox;
                    out[row + ox] = (plane[top + x] + plane[top + x + 1] + plane[bottom + x] + plane[bottom + x + 1])
                            / 4;
                }
            }
            return out;
        }
        for (int oy = 0; oy < outHeight; oy++) {
            int y0 = oy * factor;
            int y1 = Math.min(height, y0 + factor);
            for (int ox = 0; ox < outWidth; ox++) {
                int x0 = ox * factor;
                int x1 = Math.min(width, x0 + factor);
                float sum = 0;
                for (int y = y0; y < y1; y++) {
                    int row = y * width;
                    for (int x = x0; x < x1; x++) {
                        sum += plane[row + x];
                    }
                }
                out[oy * outWidth + ox] = sum / ((y1 - y0) * (x1 - x0));
            }
        }
        return out;
    }

    /** Averages 2x2 blocks of packed RGB into three planes of values in [0, 1] (half size, rounded up). */
    public static float[][] halfPlanes(RgbImage image) {
        int width = image.width();
        int height = image.height();
        int[] pixels = image.pixels();
        int outWidth = (width + 1) / 2;
        int outHeight = (height + 1) / 2;
        float[][] planes = new float[3][outWidth * outHeight];
        for (int oy = 0; oy < outHeight; oy++) {
            int top = 2 * oy * width;
            int bottom = Math.min(2 * oy + 1, height - 1) * width;
            for (int ox = 0; ox < outWidth; ox++) {
                int left = 2 * ox;
                int right = Math.min(2 * ox + 1, width - 1);
                int a = pixels[top + left];
                int b = pixels[top + right];
                int c = pixels[bottom + left];
                int d = pixels[bottom + right];
                int i = oy * outWidth + ox;
                // red and blue summed in one int, each in its own 16-bit lane; the same exact sums
                int redBlue = (a & 0xFF00FF) + (b & 0xFF00FF) + (c & 0xFF00FF) + (d & 0xFF00FF);
                int green = (a & 0xFF00) + (b & 0xFF00) + (c & 0xFF00) + (d & 0xFF00);
                planes[0][i] = (redBlue >>> 16) / 1020f;
                planes[1][i] = (green >>> 8) / 1020f;
                planes[2][i] = (redBlue & 0xFFFF) / 1020f;
            }
        }
        return planes;
    }

    /** Bilinear interpolation of packed RGB at 16.16 fixed-point coordinates, with 8-bit weights. */
    private static int bilinear(int[] src, int w, int h, long sx, long sy) {
        int fx = (int) (sx >> 16);
        int fy = (int) (sy >> 16);
        int ax = (int) ((sx >> 8) & 255);
        int ay = (int) ((sy >> 8) & 255);
        int x0 = clamp(fx, w);
        int y0 = clamp(fy, h);
        int x1 = clamp(fx + 1, w);
        int y1 = clamp(fy + 1, h);
        int p00 = src[y0 * w + x0];
        int p10 = src[y0 * w + x1];
        int p01 = src[y1 * w + x0];
        int p11 = src[y1 * w + x1];
        int w00 = (256 - ax) * (256 - ay);
        int w10 = ax * (256 - ay);
        int w01 = (256 - ax) * ay;
        int w11 = ax * ay;
        int r = (((p00 >> 16) & 255) * w00 + ((p10 >> 16) & 255) * w10 + ((p01 >> 16) & 255) * w01
                + ((p11 >> 16) & 255) * w11 + 32768) >> 16;
        int g = (((p00 >> 8) & 255) * w00 + ((p10 >> 8) & 255) * w10 + ((p01 >> 8) & 255) * w01
                + ((p11 >> 8) & 255) * w11 + 32768) >> 16;
        int b = ((p00 & 255) * w00 + (p10 & 255) * w10 + (p01 & 255) * w01 + (p11 & 255) * w11 + 32768) >> 16;
        return r << 16 | g << 8 | b;
    }

    /**
     * Narrows {@code run} ({@code {from, to}}) to the {@code x} for which {@code 0 <= start + x * step < bound}: an
     * interval, since the value moves one way along the row.
     */
    private static void narrow(long start, long step, long bound, int[] run) {
        long from;
        long to;
        if (step == 0) {
            from = 0;
            to = start >= 0 && start < bound ? Long.MAX_VALUE : 0;
        } else if (step > 0) {
            from = start >= 0 ? 0 : Math.floorDiv(-start + step - 1, step);
            to = start >= bound ? 0 : Math.floorDiv(bound - start + step - 1, step);
        } else {
            from = start < bound ? 0 : Math.floorDiv(start - bound, -step) + 1;
            to = start < 0 ? 0 : Math.floorDiv(start, -step) + 1;
        }
        run[0] = (int) Math.max(run[0], Math.min(from, run[1]));
        run[1] = (int) Math.min(run[1], to);
    }

    /**
     * {@link #bilinear(int[], int, int, long, long)} for a sample whose four neighbours are inside the source, red
     * and blue weighted together in one int (each result fits its 16-bit lane), green in another. Rounds each of the
     * two passes to the nearest value, so it can differ from the per-channel version by one.
     */
    private static int interior(int[] src, int w, long sx, long sy) {
        int i = (int) (sy >> 16) * w + (int) (sx >> 16);
        int ax = (int) ((sx >> 8) & 255);
        int ay = (int) ((sy >> 8) & 255);
        int p00 = src[i];
        int p10 = src[i + 1];
        int p01 = src[i + w];
        int p11 = src[i + w + 1];
        int bx = 256 - ax;
        int by = 256 - ay;
        int topRedBlue = ((p00 & 0xFF00FF) * bx + (p10 & 0xFF00FF) * ax + 0x800080) >>> 8 & 0xFF00FF;
        int bottomRedBlue = ((p01 & 0xFF00FF) * bx + (p11 & 0xFF00FF) * ax + 0x800080) >>> 8 & 0xFF00FF;
        int topGreen = ((p00 & 0xFF00) * bx + (p10 & 0xFF00) * ax + 0x8000) >>> 8 & 0xFF00;
        int bottomGreen = ((p01 & 0xFF00) * bx + (p11 & 0xFF00) * ax + 0x8000) >>> 8 & 0xFF00;
        int redBlue = (topRedBlue * by + bottomRedBlue * ay + 0x800080) >>> 8 & 0xFF00FF;
        int green = (topGreen * by + bottomGreen * ay + 0x8000) >>> 8 & 0xFF00;
        return redBlue | green;
    }

    private static float bilinear(float[] plane, int w, int h, double sx, double sy) {
        double fx = Math.floor(sx);
        double fy = Math.floor(sy);
        double ax = sx - fx;
        double ay = sy - fy;
        int ix = (int) fx;
        int iy = (int) fy;
        return (float) ((1 - ay) * ((1 - ax) * at(plane, w, h, ix, iy) + ax * at(plane, w, h, ix + 1, iy))
                + ay * ((1 - ax) * at(plane, w, h, ix, iy + 1) + ax * at(plane, w, h, ix + 1, iy + 1)));
    }

    private static float at(float[] plane, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0f : plane[y * w + x];
    }

    private static int clamp(int v, int size) {
        return v < 0 ? 0 : Math.min(v, size - 1);
    }
}
