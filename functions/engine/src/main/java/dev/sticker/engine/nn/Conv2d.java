package dev.sticker.engine.nn;

/**
 * Conv2D / _FusedConv2D over NHWC with an HWIO filter, optional bias and fused activation. The innermost loop runs
 * over the contiguous output channels of one filter row, which the JIT vectorises; a 1x1 unpadded, unstrided
 * convolution is a plain (pixels x in) * (in x out) matrix product.
 */
final class Conv2d implements Step {

    private final int input;
    private final int output;
    private final Window rows;
    private final Window cols;
    private final int inChannels;
    private final int outChannels;
    private final float[] filter;
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
        this.filter = filter;
        this.bias = bias == null ? new float[outChannels] : bias;
        this.activation = activation;
        this.pointwise = rows.kernel() == 1 && cols.kernel() == 1 && rows.stride() == 1 && cols.stride() == 1
                && rows.padBefore() == 0 && cols.padBefore() == 0;
    }

    @Override
    public void run(float[][] tensors) {
        float[] in = tensors[input];
        float[] out = tensors[output];
        if (pointwise) {
            runPointwise(in, out);
        } else {
            runGeneral(in, out);
        }
        activation.apply(out, 0, rows.outputSize() * cols.outputSize() * outChannels);
    }

    private void runPointwise(float[] in, float[] out) {
        int pixels = rows.outputSize() * cols.outputSize();
        int cin = inChannels;
        int cout = outChannels;
        float[] w = filter;
        for (int p = 0; p < pixels; p++) {
            int o = p * cout;
            System.arraycopy(bias, 0, out, o, cout);
            int i = p * cin;
            for (int ci = 0; ci < cin; ci++) {
                float v = in[i + ci];
                int wr = ci * cout;
                for (int co = 0; co < cout; co++) {
                    out[o + co] += v * w[wr + co];
                }
            }
        }
    }

    private void runGeneral(float[] in, float[] out) {
        int inH = rows.inputSize();
        int inW = cols.inputSize();
        int outH = rows.outputSize();
        int outW = cols.outputSize();
        int kh = rows.kernel();
        int kw = cols.kernel();
        int cin = inChannels;
        int cout = outChannels;
        float[] w = filter;
        for (int oy = 0; oy < outH; oy++) {
            int iy0 = oy * rows.stride() - rows.padBefore();
            for (int ox = 0; ox < outW; ox++) {
                int ix0 = ox * cols.stride() - cols.padBefore();
                int o = (oy * outW + ox) * cout;
                System.arraycopy(bias, 0, out, o, cout);
                for (int ky = 0; ky < kh; ky++) {
                    int iy = iy0 + ky * rows.dilation();
                    if (iy < 0 || iy >= inH) {
                        continue;
                    }
                    for (int kx = 0; kx < kw; kx++) {
                        int ix = ix0 + kx * cols.dilation();
                        if (ix < 0 || ix >= inW) {
                            continue;
                        }
                        int i = (iy * inW + ix) * cin;
                        int wBase = (ky * kw + kx) * cin * cout;
                        for (int ci = 0; ci < cin; ci++) {
                            float v = in[i + ci];
                            int wr = wBase + ci * cout;
                            for (int co = 0; co < cout; co++) {
                                out[o + co] += v * w[wr + co];
                            }
                        }
                    }
                }
            }
        }
    }
}
