package dev.sticker.engine.nn;

/**
 * Conv2D / _FusedConv2D on planar tensors with an HWIO filter, optional bias and fused activation, computed as a
 * matrix product (out channels x taps) * (taps x pixels) over tiles of pixels. Each tile's taps are first copied
 * (or, for kernels wider than 1x1 or strided, gathered: im2col) into rows of their own that start at index 0: the
 * JIT only vectorises a loop whose arrays are all indexed alike, and the planar input is not.
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
    public int tapRows() {
        return taps;
    }

    @Override
    public void run(float[][] tensors, Scratch scratch) {
        float[] in = tensors[input];
        float[] out = tensors[output];
        multiply(in, out, scratch);
        activation.apply(out, 0, rows.outputSize() * cols.outputSize() * outChannels);
    }

    /**
     * im2col for the pixels {@code [p0, p0 + n)}: row {@code (ky * kw + kx) * inChannels + ci} of {@code tapRows}
     * receives that tap's input value for each of those output pixels, 0 in padding.
     */
    private void gatherTaps(float[] in, int p0, int n, float[][] tapRows) {
        int inH = rows.inputSize();
        int inW = cols.inputSize();
        int outW = cols.outputSize();
        int pixels = rows.outputSize() * outW;
        if (pointwise) {
            for (int t = 0; t < taps; t++) {
                System.arraycopy(in, t * pixels + p0, tapRows[t], 0, n);
            }
            return;
        }
        int kw = cols.kernel();
        for (int ky = 0; ky < rows.kernel(); ky++) {
            for (int kx = 0; kx < kw; kx++) {
                for (int ci = 0; ci < inChannels; ci++) {
                    float[] row = tapRows[(ky * kw + kx) * inChannels + ci];
                    int plane = ci * inH * inW;
                    for (int i = 0; i < n; ) {
                        int oy = (p0 + i) / outW;
                        int ox = (p0 + i) % outW;
                        int span = Math.min(n - i, outW - ox);
                        int iy = oy * rows.stride() - rows.padBefore() + ky * rows.dilation();
                        if (iy < 0 || iy >= inH) {
                            Rows.fill(row, i, i + span, 0f);
                        } else {
                            int inRow = plane + iy * inW;
                            for (int j = 0; j < span; j++) {
                                int ix = (ox + j) * cols.stride() - cols.padBefore() + kx * cols.dilation();
                                row[i + j] = ix >= 0 && ix < inW ? in[inRow + ix] : 0f;
                            }
                        }
                        i += span;
                    }
                }
            }
        }
    }

    /**
     * out = weights * taps + bias, tile by tile, two output channels and two taps per pass over a tile (each tap
     * row loaded once feeds two accumulators). Every sum keeps the one-tap-at-a-time order, bias first:
     * {@code ((b + w0 * x0) + w1 * x1) + ...}, whatever the grouping.
     */
    private void multiply(float[] in, float[] out, Scratch scratch) {
        int pixels = rows.outputSize() * cols.outputSize();
        int k = taps;
        float[][] tapRows = scratch.tapRows();
        float[] acc0 = scratch.tiles()[0];
        float[] acc1 = scratch.tiles()[1];
        for (int p0 = 0; p0 < pixels; p0 += Scratch.TILE) {
            int n = Math.min(Scratch.TILE, pixels - p0);
            gatherTaps(in, p0, n, tapRows);
            int co = 0;
            for (; co + 2 <= outChannels; co += 2) {
                Rows.fill(acc0, 0, n, bias[co]);
                Rows.fill(acc1, 0, n, bias[co + 1]);
                int t = 0;
                for (; t + 2 <= k; t += 2) {
                    float[] x = tapRows[t];
                    float[] y = tapRows[t + 1];
                    float w0 = weights[co * k + t];
                    float w1 = weights[(co + 1) * k + t];
                    float u0 = weights[co * k + t + 1];
                    float u1 = weights[(co + 1) * k + t + 1];
                    for (int i = 0; i < n; i++) {
                        float v = x[i];
                        float u = y[i];
                        acc0[i] = acc0[i] + w0 * v + u0 * u;
                        acc1[i] = acc1[i] + w1 * v + u1 * u;
                    }
                }
                if (t < k) {
                    float[] x = tapRows[t];
                    float w0 = weights[co * k + t];
                    float w1 = weights[(co + 1) * k + t];
                    for (int i = 0; i < n; i++) {
                        float v = x[i];
                        acc0[i] += w0 * v;
                        acc1[i] += w1 * v;
                    }
                }
                System.arraycopy(acc0, 0, out, co * pixels + p0, n);
                System.arraycopy(acc1, 0, out, (co + 1) * pixels + p0, n);
            }
            if (co < outChannels) {
                Rows.fill(acc0, 0, n, bias[co]);
                for (int t = 0; t < k; t++) {
                    float[] x = tapRows[t];
                    float w = weights[co * k + t];
                    for (int i = 0; i < n; i++) {
                        acc0[i] += w * x[i];
                    }
                }
                System.arraycopy(acc0, 0, out, co * pixels + p0, n);
            }
        }
    }
}
