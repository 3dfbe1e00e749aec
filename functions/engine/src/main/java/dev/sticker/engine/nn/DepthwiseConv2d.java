package dev.sticker.engine.nn;

/**
 * DepthwiseConv2dNative on planar tensors with a [kh, kw, channels, multiplier] filter: output plane
 * {@code c * multiplier + m} is input plane {@code c} convolved with its own kernel, one tap at a time along
 * contiguous (phase-split, when strided) rows.
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
        for (int oc = 0; oc < outChannels; oc++) {
            int outPlane = oc * outPlaneSize;
            int inPlane = (oc / multiplier) * inPlaneSize;
            Rows.fill(out, outPlane, outPlane + outPlaneSize, 0f);
            for (int ky = 0; ky < kh; ky++) {
                int tapY = ky * rows.dilation() - rows.padBefore();
                if (kw == 3 && wholePlaneRows) {
                    addKernelRowOf3(source, inPlane, tapY, oc, ky, out, outPlane, scratch.edges());
                    continue;
                }
                for (int kx = 0; kx < kw; kx++) {
                    float w = filter[(ky * kw + kx) * outChannels + oc];
                    int tapX = kx * cols.dilation() - cols.padBefore();
                    Rows.addTap(w, source, inPlane, rows, cols, phases, tapY, tapX, out, outPlane, scratch.edges());
                }
            }
        }
    }

    /**
     * The three taps of one kernel row of a stride-1, SAME 3x3 kernel in one pass over the plane:
     * {@code out[p] = ((out[p] + w0 * in[p - 1]) + w1 * in[p]) + w2 * in[p + 1]} (row-shifted by tapY), the same
     * order as tap by tap. The first and last column, where a tap falls outside the row, are saved, restored and
     * then given only their valid taps.
     */
    private void addKernelRowOf3(float[] in, int inPlane, int tapY, int oc, int ky, float[] out, int outPlane,
            float[] edges) {
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
        int saved = 0;
        for (int oy = yFrom; oy < yTo; oy++) {
            edges[saved++] = out[outPlane + oy * width];
            edges[saved++] = out[outPlane + oy * width + width - 1];
        }
        int start = outPlane + yFrom * width + 1;
        int end = outPlane + yTo * width - 1;
        int shift = inPlane - outPlane + tapY * width;
        for (int p = start; p < end; p++) {
            int i = p + shift;
            out[p] = out[p] + w0 * in[i - 1] + w1 * in[i] + w2 * in[i + 1];
        }
        saved = 0;
        for (int oy = yFrom; oy < yTo; oy++) {
            int first = outPlane + oy * width;
            int last = first + width - 1;
            int inRow = inPlane + (oy + tapY) * width;
            out[first] = width > 1 ? edges[saved++] + w1 * in[inRow] + w2 * in[inRow + 1]
                    : edges[saved++] + w1 * in[inRow];
            float savedLast = edges[saved++];
            if (width > 1) {
                out[last] = savedLast + w0 * in[inRow + width - 2] + w1 * in[inRow + width - 1];
            }
        }
    }
}
