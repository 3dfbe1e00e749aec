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
        for (int oc = 0; oc < outChannels; oc++) {
            int outPlane = oc * outPlaneSize;
            int inPlane = (oc / multiplier) * inPlaneSize;
            Rows.fill(out, outPlane, outPlane + outPlaneSize, 0f);
            for (int ky = 0; ky < kh; ky++) {
                int tapY = ky * rows.dilation() - rows.padBefore();
                for (int kx = 0; kx < kw; kx++) {
                    float w = filter[(ky * kw + kx) * outChannels + oc];
                    int tapX = kx * cols.dilation() - cols.padBefore();
                    Rows.addTap(w, source, inPlane, rows, cols, phases, tapY, tapX, out, outPlane, scratch.edges());
                }
            }
        }
    }
}
