package dev.sticker.engine.nn;

/**
 * Conv2D / _FusedConv2D on planar tensors with an HWIO filter, optional bias and fused activation, computed as a
 * matrix product (out channels x taps) * (taps x pixels). A 1x1 unpadded, unstrided convolution reads its input as
 * that matrix directly; any other shape first gathers its taps into scratch rows (im2col), so the first, wide-kernel
 * layers run through the same vectorised kernel instead of short strided rows.
 */
final class Conv2d implements Step {

    private final int input;
    private final int output;
    private final Window rows;
    private final Window cols;
    private final int inChannels;
    private final int outChannels;
    private final int taps;
    /** [out][tap], tap = (ky * kw + kx) * inChannels + ci, so one output channel's weights lie together. */
    private final float[] weights;
    private final float[] bias;
    private final Activation activation;
    private final boolean pointwise;

    Conv2d(int input, int output, Window rows, Window cols, int inChannels, int outChannels, float[] filter,
            float[] bias, Activation activation) {
        this.input = input;
        this.output = output;
        this.rows = rows;
        this.cols = cols;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.taps = rows.kernel() * cols.kernel() * inChannels;
        this.weights = transpose(filter, taps, outChannels);
        this.bias = bias == null ? new float[outChannels] : bias;
        this.activation = activation;
        this.pointwise = rows.kernel() == 1 && cols.kernel() == 1 && rows.stride() == 1 && cols.stride() == 1
                && rows.padBefore() == 0 && cols.padBefore() == 0;
    }

    /** [taps][out] (HWIO flattened) to [out][taps]. */
    private static float[] transpose(float[] filter, int taps, int out) {
        float[] transposed = new float[filter.length];
        for (int t = 0; t < taps; t++) {
            for (int o = 0; o < out; o++) {
                transposed[o * taps + t] = filter[t * out + o];
            }
        }
        return transposed;
    }

    @Override
    public int scratchSize() {
        return pointwise ? 0 : taps * rows.outputSize() * cols.outputSize();
    }

    @Override
    public void run(float[][] tensors, Scratch scratch) {
        float[] in = tensors[input];
        float[] out = tensors[output];
        float[] matrix = in;
        if (!pointwise) {
            gatherTaps(in, scratch.area());
            matrix = scratch.area();
        }
        multiply(matrix, out, scratch.tiles());
        activation.apply(out, 0, rows.outputSize() * cols.outputSize() * outChannels);
    }

    /** im2col: row (ky * kw + kx) * inChannels + ci holds that tap's input value for every output pixel, 0 in padding. */
    private void gatherTaps(float[] in, float[] matrix) {
        int inH = rows.inputSize();
        int inW = cols.inputSize();
        int outH = rows.outputSize();
        int outW = cols.outputSize();
        int pixels = outH * outW;
        int kw = cols.kernel();
        for (int ky = 0; ky < rows.kernel(); ky++) {
            for (int kx = 0; kx < kw; kx++) {
                for (int ci = 0; ci < inChannels; ci++) {
                    int row = ((ky * kw + kx) * inChannels + ci) * pixels;
                    int plane = ci * inH * inW;
                    for (int oy = 0; oy < outH; oy++) {
                        int iy = oy * rows.stride() - rows.padBefore() + ky * rows.dilation();
                        int o = row + oy * outW;
                        if (iy < 0 || iy >= inH) {
                            Rows.fill(matrix, o, o + outW, 0f);
                            continue;
                        }
                        int inRow = plane + iy * inW;
                        for (int ox = 0; ox < outW; ox++) {
                            int ix = ox * cols.stride() - cols.padBefore() + kx * cols.dilation();
                            matrix[o + ox] = ix >= 0 && ix < inW ? in[inRow + ix] : 0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * out = weights * matrix + bias over tiles of pixels, four output channels per pass: each matrix value loaded
     * once feeds four accumulators, which halves the memory traffic of one channel at a time.
     */
    private void multiply(float[] matrix, float[] out, float[][] tiles) {
        int pixels = rows.outputSize() * cols.outputSize();
        int k = taps;
        float[] acc0 = tiles[0];
        float[] acc1 = tiles[1];
        float[] acc2 = tiles[2];
        float[] acc3 = tiles[3];
        for (int p0 = 0; p0 < pixels; p0 += Scratch.TILE) {
            int n = Math.min(Scratch.TILE, pixels - p0);
            int co = 0;
            for (; co + 4 <= outChannels; co += 4) {
                Rows.fill(acc0, 0, n, bias[co]);
                Rows.fill(acc1, 0, n, bias[co + 1]);
                Rows.fill(acc2, 0, n, bias[co + 2]);
                Rows.fill(acc3, 0, n, bias[co + 3]);
                int t = 0;
                // two taps per pass: each accumulator is loaded and stored once per two products; the sums keep
                // the one-tap-at-a-time order, (acc + w * x) + w' * y
                for (; t + 2 <= k; t += 2) {
                    float w0 = weights[co * k + t];
                    float w1 = weights[(co + 1) * k + t];
                    float w2 = weights[(co + 2) * k + t];
                    float w3 = weights[(co + 3) * k + t];
                    float u0 = weights[co * k + t + 1];
                    float u1 = weights[(co + 1) * k + t + 1];
                    float u2 = weights[(co + 2) * k + t + 1];
                    float u3 = weights[(co + 3) * k + t + 1];
                    int x = t * pixels + p0;
                    int y = x + pixels;
                    for (int i = 0; i < n; i++) {
                        float v = matrix[x + i];
                        float u = matrix[y + i];
                        acc0[i] = acc0[i] + w0 * v + u0 * u;
                        acc1[i] = acc1[i] + w1 * v + u1 * u;
                        acc2[i] = acc2[i] + w2 * v + u2 * u;
                        acc3[i] = acc3[i] + w3 * v + u3 * u;
                    }
                }
                for (; t < k; t++) {
                    float w0 = weights[co * k + t];
                    float w1 = weights[(co + 1) * k + t];
                    float w2 = weights[(co + 2) * k + t];
                    float w3 = weights[(co + 3) * k + t];
                    int x = t * pixels + p0;
                    for (int i = 0; i < n; i++) {
                        float v = matrix[x + i];
                        acc0[i] += w0 * v;
                        acc1[i] += w1 * v;
                        acc2[i] += w2 * v;
                        acc3[i] += w3 * v;
                    }
                }
                System.arraycopy(acc0, 0, out, co * pixels + p0, n);
                System.arraycopy(acc1, 0, out, (co + 1) * pixels + p0, n);
                System.arraycopy(acc2, 0, out, (co + 2) * pixels + p0, n);
                System.arraycopy(acc3, 0, out, (co + 3) * pixels + p0, n);
            }
            for (; co < outChannels; co++) {
                int o = co * pixels + p0;
                Rows.fill(out, o, o + n, bias[co]);
                for (int t = 0; t < k; t++) {
                    Rows.axpy(weights[co * k + t], matrix, t * pixels + p0, out, o, n);
                }
            }
        }
    }
}
