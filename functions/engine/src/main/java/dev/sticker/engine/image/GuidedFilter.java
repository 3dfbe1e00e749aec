package dev.sticker.engine.image;

/**
 * The grey-guided image filter (He, Sun and Tang): an edge-preserving smoother whose output is locally a linear
 * function of the guide. Built only from box means, so its cost does not depend on the radius.
 */
public final class GuidedFilter {

    private GuidedFilter() {
    }

    /** Per-pixel linear coefficients: the filtered value is {@code a * guide + b}. */
    public record Coefficients(float[] a, float[] b) {
    }

    /** The window-averaged coefficients that map {@code guide} to the filtered {@code input}. */
    public static Coefficients coefficients(float[] guide, float[] input, int width, int height, int radius,
                                            float epsilon, Parallelism parallelism) {
        int n = width * height;
        float[] tmp = new float[n];
        float[] meanGuide = new float[n];
        float[] meanInput = new float[n];
        float[] product = new float[n];
        float[] square = new float[n];
        for (int i = 0; i < n; i++) {
            product[i] = guide[i] * input[i];
            square[i] = guide[i] * guide[i];
        }
        BoxBlur.blur(guide, meanGuide, tmp, width, height, radius, parallelism);
        BoxBlur.blur(input, meanInput, tmp, width, height, radius, parallelism);
        BoxBlur.blur(product, product, tmp, width, height, radius, parallelism);
        BoxBlur.blur(square, square, tmp, width, height, radius, parallelism);
        float[] a = product;
        float[] b = square;
        for (int i = 0; i < n; i++) {
            float variance = square[i] - meanGuide[i] * meanGuide[i];
            float covariance = product[i] - meanGuide[i] * meanInput[i];
            float slope = covariance / (variance + epsilon);
            a[i] = slope;
            b[i] = meanInput[i] - slope * meanGuide[i];
        }
        BoxBlur.blur(a, a, tmp, width, height, radius, parallelism);
        BoxBlur.blur(b, b, tmp, width, height, radius, parallelism);
        return new Coefficients(a, b);
    }

    /**
     * Window-averaged coefficients for several channels guided by one grey guide; the guide's window mean and
     * variance are computed once.
     */
    public static Coefficients[] channelCoefficients(float[] guide, float[][] channels, int width, int height,
                                                     int radius, float epsilon, Parallelism parallelism) {
        int n = width * height;
        float[] tmp = new float[n];
        float[] meanGuide = new float[n];
        float[] variance = new float[n];
        for (int i = 0; i < n; i++) {
            variance[i] = guide[i] * guide[i];
        }
        BoxBlur.blur(guide, meanGuide, tmp, width, height, radius, parallelism);
        BoxBlur.blur(variance, variance, tmp, width, height, radius, parallelism);
        for (int i = 0; i < n; i++) {
            variance[i] = variance[i] - meanGuide[i] * meanGuide[i] + epsilon;
        }
        Coefficients[] out = new Coefficients[channels.length];
        for (int c = 0; c < channels.length; c++) {
            float[] input = channels[c];
            float[] meanInput = new float[n];
            float[] a = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = guide[i] * input[i];
            }
            BoxBlur.blur(input, meanInput, tmp, width, height, radius, parallelism);
            BoxBlur.blur(a, a, tmp, width, height, radius, parallelism);
            float[] b = meanInput;
            for (int i = 0; i < n; i++) {
                float slope = (a[i] - meanGuide[i] * meanInput[i]) / variance[i];
                a[i] = slope;
                b[i] = meanInput[i] - slope * meanGuide[i];
            }
            BoxBlur.blur(a, a, tmp, width, height, radius, parallelism);
            BoxBlur.blur(b, b, tmp, width, height, radius, parallelism);
            out[c] = new Coefficients(a, b);
        }
        return out;
    }

    /**
     * The fast guided filter (He and Sun): coefficients computed on a grid half the size of {@code guide}, upsampled,
     * and applied to the full guide. Returns the filtered channels, each {@code width x height}.
     */
    public static float[][] filterChannelsFast(float[] guide, float[][] channels, int width, int height, int radius,
                                               float epsilon, Parallelism parallelism) {
        int lowWidth = (width + 1) / 2;
        int lowHeight = (height + 1) / 2;
        float[] lowGuide = Sampler.shrink(guide, width, height, 2);
        float[][] lowChannels = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            lowChannels[c] = Sampler.shrink(channels[c], width, height, 2);
        }
        Coefficients[] low = channelCoefficients(lowGuide, lowChannels, lowWidth, lowHeight, Math.max(1, radius / 2),
                epsilon, parallelism);
        float[][] out = new float[channels.length][];
        for (int c = 0; c < channels.length; c++) {
            out[c] = applyUpsampled(low[c], lowWidth, lowHeight, guide, width, height, parallelism);
        }
        return out;
    }

    /**
     * {@code a * guide + b} at full size, with {@code a} and {@code b} bilinearly upsampled from a
     * {@code lowWidth x lowHeight} grid in the same pass.
     */
    public static float[] applyUpsampled(Coefficients low, int lowWidth, int lowHeight, float[] guide, int width,
                                         int height, Parallelism parallelism) {
        float[] out = new float[width * height];
        float[] a = low.a();
        float[] b = low.b();
        Sampler.Taps columns = Sampler.Taps.of(lowWidth, width);
        Sampler.Taps rows = Sampler.Taps.of(lowHeight, height);
        int[] first = columns.first();
        int[] second = columns.second();
        float[] weight = columns.weight();
        parallelism.forRows(height, (from, to) -> {
            // Separable: blend the two coefficient rows once per output row, then two columns per pixel (exact
            // doubling, the usual case, in vectorised loops over rows indexed from 0).
            float[] rowA = new float[lowWidth];
            float[] rowB = new float[lowWidth];
            Sampler.RowBlender blender = new Sampler.RowBlender(lowWidth);
            Sampler.Doubler doubler = width == 2 * lowWidth ? new Sampler.Doubler(lowWidth) : null;
            float[] slopes = new float[width];
            float[] offsets = new float[width];
            float[] guideRow = new float[width];
            float[] outRow = new float[width];
            for (int y = from; y < to; y++) {
                int top = rows.first()[y] * lowWidth;
                int bottom = rows.second()[y] * lowWidth;
                float ay = rows.weight()[y];
                blender.blend(a, top, bottom, ay, rowA);
                blender.blend(b, top, bottom, ay, rowB);
                int row = y * width;
                if (doubler != null) {
                    doubler.widen(rowA, slopes);
                    doubler.widen(rowB, offsets);
                    System.arraycopy(guide, row, guideRow, 0, width);
                    for (int x = 0; x < width; x++) {
                        outRow[x] = slopes[x] * guideRow[x] + offsets[x];
                    }
                    System.arraycopy(outRow, 0, out, row, width);
                    continue;
                }
                for (int x = 0; x < width; x++) {
                    int x0 = first[x];
                    int x1 = second[x];
                    float ax = weight[x];
                    float slope = rowA[x0] + ax * (rowA[x1] - rowA[x0]);
                    float offset = rowB[x0] + ax * (rowB[x1] - rowB[x0]);
                    out[row + x] = slope * guide[row + x] + offset;
                }
            }
        });
        return out;
    }
}
