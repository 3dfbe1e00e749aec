package dev.sticker.engine.nn;

/**
 * DepthwiseConv2dNative on planar tensors with a [kh, kw, channels, multiplier] filter: output plane
 * {@code c * multiplier + m} is input plane {@code c} convolved with its own kernel, one tap at a time along
 * contiguous (phase-split, when strided) rows. Each output plane is accumulated in a scratch plane; in the unstrided
 * case the input each tap reads is first copied into scratch planes at the positions it is added to, so the update
 * indexes every array alike and the JIT vectorises it.
 */
final class DepthwiseConv2d implements Step {

    private final int input;
    private final int output;
    private final Window rows;
    private final Window cols;
    private final int channels;
    private final int multiplier;
    private final float[] filter;
    private final Rows.Phases phases;

    DepthwiseConv2d(int input, int output, Window rows, Window cols, int channels, int multiplier, float[] filter) {
        this.input = input;
        this.output = output;
        this.rows = rows;
        this.cols = cols;
        this.channels = channels;
        this.multiplier = multiplier;
        this.filter = filter;
        this.phases = Rows.Phases.of(cols.inputSize(), cols.stride());
    }

    @Override
    public int scratchSize() {
        return cols.stride() == 1 ? 0 : channels * rows.inputSize() * cols.inputSize();
    }

    @Override
    public int planeSize() {
        return rows.outputSize() * cols.outputSize();
    }

    @Override
    public int edgeSize() {
        return Rows.edgeSize(rows, cols);
    }

    @Override
    public void run(float[][] tensors, Scratch scratch) {
        float[] in = tensors[input];
        float[] out = tensors[output];
        float[] source = in;
        if (cols.stride() > 1) {
            phases.split(in, scratch.area(), channels * rows.inputSize(), cols.inputSize());
            source = scratch.area();
        }
        int inPlaneSize = rows.inputSize() * cols.inputSize();
        int outPlaneSize = rows.outputSize() * cols.outputSize();
        int outChannels = channels * multiplier;
        int kh = rows.kernel();
        int kw = cols.kernel();
        boolean wholePlaneRows = rows.stride() == 1 && cols.stride() == 1 && cols.dilation() == 1
                && rows.inputSize() == rows.outputSize() && cols.inputSize() == cols.outputSize()
                && cols.padBefore() == 1;
        float[] sum = scratch.planes()[0];
        for (int oc = 0; oc < outChannels; oc++) {
            int inPlane = (oc / multiplier) * inPlaneSize;
            Rows.fill(sum, 0, outPlaneSize, 0f);
            for (int ky = 0; ky < kh; ky++) {
                int tapY = ky * rows.dilation() - rows.padBefore();
                if (kw == 3 && wholePlaneRows) {
                    addKernelRowOf3(source, inPlane, tapY, oc, ky, sum, scratch);
                    continue;
                }
                for (int kx = 0; kx < kw; kx++) {
                    float w = filter[(ky * kw + kx) * outChannels + oc];
                    int tapX = kx * cols.dilation() - cols.padBefore();
                    Rows.addTap(w, source, inPlane, rows, cols, phases, tapY, tapX, sum, scratch.planes()[1],
                            scratch.edges());
                }
            }
            System.arraycopy(sum, 0, out, oc * outPlaneSize, outPlaneSize);
        }
    }

    /**
     * The three taps of one kernel row of a stride-1, SAME 3x3 kernel in one pass over the plane:
     * {@code sum[p] = ((sum[p] + w0 * in[p - 1]) + w1 * in[p]) + w2 * in[p + 1]} (row-shifted by tapY), the same
     * order as tap by tap. The three shifted inputs are copied into scratch planes at the positions they are added
     * to. The first and last column, where a tap falls outside the row, are saved, restored and then given only
     * their valid taps.
     */
    private void addKernelRowOf3(float[] in, int inPlane, int tapY, int oc, int ky, float[] sum, Scratch scratch) {
        int height = rows.outputSize();
        int width = cols.outputSize();
        int yFrom = Math.max(0, -tapY);
        int yTo = Math.min(height, height - tapY);
        if (yFrom >= yTo) {
            return;
        }
        int outChannels = channels * multiplier;
        float w0 = filter[(ky * 3) * outChannels + oc];
        float w1 = filter[(ky * 3 + 1) * outChannels + oc];
        float w2 = filter[(ky * 3 + 2) * outChannels + oc];
        float[] edges = scratch.edges();
        int saved = 0;
        for (int oy = yFrom; oy < yTo; oy++) {
            edges[saved++] = sum[oy * width];
            edges[saved++] = sum[oy * width + width - 1];
        }
        int start = yFrom * width + 1;
        int end = yTo * width - 1;
        if (end > start) {
            float[] left = scratch.planes()[1];
            float[] centre = scratch.planes()[2];
            float[] right = scratch.planes()[3];
            int from = inPlane + tapY * width + start;
            System.arraycopy(in, from - 1, left, start, end - start);
            System.arraycopy(in, from, centre, start, end - start);
            System.arraycopy(in, from + 1, right, start, end - start);
            for (int p = start; p < end; p++) {
                sum[p] = sum[p] + w0 * left[p] + w1 * centre[p] + w2 * right[p];
            }
        }
        saved = 0;
        for (int oy = yFrom; oy < yTo; oy++) {
            int first = oy * width;
            int last = first + width - 1;
            int inRow = inPlane + (oy + tapY) * width;
            sum[first] = width > 1 ? edges[saved++] + w1 * in[inRow] + w2 * in[inRow + 1]
                    : edges[saved++] + w1 * in[inRow];
            float savedLast = edges[saved++];
            if (width > 1) {
                sum[last] = savedLast + w0 * in[inRow + width - 2] + w1 * in[inRow + width - 1];
            }
        }
    }
}
