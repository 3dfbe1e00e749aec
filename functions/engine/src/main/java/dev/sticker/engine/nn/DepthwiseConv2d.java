package dev.sticker.engine.nn;

/**
 * DepthwiseConv2dNative on planar tensors with a [kh, kw, channels, multiplier] filter: output plane
 * {@code c * multiplier + m} is input plane {@code c} convolved with its own kernel, one tap at a time.
 *
 * <p>Unstrided: the input plane is copied into a zero-padded plane whose rows are as long as the output's plus the
 * kernel's reach, and the output is summed in a plane of that same row length (the extra columns are dropped at the
 * end). Every tap is then one constant shift of the padded plane: copied, shifted, into a buffer indexed like the
 * sum, it is added to it in one vectorised loop, with no edge cases. Strided: taps are added along contiguous,
 * phase-split rows.
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
    private final boolean unstrided;
    /** Row length and height of the padded input plane (unstrided only). */
    private final int paddedWidth;
    private final int paddedHeight;

    DepthwiseConv2d(int input, int output, Window rows, Window cols, int channels, int multiplier, float[] filter) {
        this.input = input;
        this.output = output;
        this.rows = rows;
        this.cols = cols;
        this.channels = channels;
        this.multiplier = multiplier;
        this.filter = filter;
        this.phases = Rows.Phases.of(cols.inputSize(), cols.stride());
        this.unstrided = rows.stride() == 1 && cols.stride() == 1;
        this.paddedWidth = cols.outputSize() + (cols.kernel() - 1) * cols.dilation();
        this.paddedHeight = rows.outputSize() + (rows.kernel() - 1) * rows.dilation();
    }

    @Override
    public int scratchSize() {
        return cols.stride() == 1 ? 0 : channels * rows.inputSize() * cols.inputSize();
    }

    @Override
    public int planeSize() {
        return unstrided ? paddedWidth * paddedHeight : rows.outputSize() * cols.outputSize();
    }

    @Override
    public void run(float[][] tensors, Scratch scratch) {
        if (unstrided) {
            runUnstrided(tensors[input], tensors[output], scratch);
            return;
        }
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
        float[] sum = scratch.planes()[0];
        for (int oc = 0; oc < outChannels; oc++) {
            int inPlane = (oc / multiplier) * inPlaneSize;
            Rows.fill(sum, 0, outPlaneSize, 0f);
            for (int ky = 0; ky < kh; ky++) {
                int tapY = ky * rows.dilation() - rows.padBefore();
                for (int kx = 0; kx < kw; kx++) {
                    float w = filter[(ky * kw + kx) * outChannels + oc];
                    int tapX = kx * cols.dilation() - cols.padBefore();
                    Rows.addTap(w, source, inPlane, rows, cols, phases, tapY, tapX, sum);
                }
            }
            System.arraycopy(sum, 0, out, oc * outPlaneSize, outPlaneSize);
        }
    }

    /** The unstrided case through a zero-padded plane; taps are summed in kernel order, as one at a time would. */
    private void runUnstrided(float[] in, float[] out, Scratch scratch) {
        int inH = rows.inputSize();
        int inW = cols.inputSize();
        int outH = rows.outputSize();
        int outW = cols.outputSize();
        int kh = rows.kernel();
        int kw = cols.kernel();
        int outChannels = channels * multiplier;
        float[] padded = scratch.planes()[0];
        float[] sum = scratch.planes()[1];
        float[] shifted = scratch.planes()[2];
        // the last row's extra columns are never read out, so the shifted copies can stop short of them
        int span = outH * paddedWidth - (kw - 1) * cols.dilation();
        // where input row 0, column 0 lands in the padded plane
        int top = rows.padBefore();
        int left = cols.padBefore();
        for (int oc = 0; oc < outChannels; oc++) {
            if (oc % multiplier == 0) {
                int inPlane = (oc / multiplier) * inH * inW;
                Rows.fill(padded, 0, paddedWidth * paddedHeight, 0f);
                for (int iy = 0; iy < inH; iy++) {
                    int py = iy + top;
                    if (py < 0 || py >= paddedHeight) {
                        continue;
                    }
                    int from = Math.max(0, -left);
                    int to = Math.min(inW, paddedWidth - left);
                    if (from < to) {
                        System.arraycopy(in, inPlane + iy * inW + from, padded, py * paddedWidth + left + from,
                                to - from);
                    }
                }
            }
            Rows.fill(sum, 0, span, 0f);
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    float w = filter[(ky * kw + kx) * outChannels + oc];
                    System.arraycopy(padded, ky * rows.dilation() * paddedWidth + kx * cols.dilation(), shifted, 0,
                            span);
                    for (int q = 0; q < span; q++) {
                        sum[q] += w * shifted[q];
                    }
                }
            }
            int outPlane = oc * outH * outW;
            for (int oy = 0; oy < outH; oy++) {
                System.arraycopy(sum, oy * paddedWidth, out, outPlane + oy * outW, outW);
            }
        }
    }
}
