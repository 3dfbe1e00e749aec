package dev.sticker.engine.nn;

/**
 * DepthwiseConv2dNative over NHWC with a [kh, kw, channels, multiplier] filter. Output channel c * multiplier + m
 * sees input channel c only; with multiplier 1 the inner loop runs over contiguous channels.
 */
final class DepthwiseConv2d implements Step {

    private final int input;
    private final int output;
    private final Window rows;
    private final Window cols;
    private final int channels;
    private final int multiplier;
    private final float[] filter;
    private final float[] bias;
    private final Activation activation;

    DepthwiseConv2d(int input, int output, Window rows, Window cols, int channels, int multiplier, float[] filter,
            float[] bias, Activation activation) {
        this.input = input;
        this.output = output;
        this.rows = rows;
        this.cols = cols;
        this.channels = channels;
        this.multiplier = multiplier;
        this.filter = filter;
        this.bias = bias == null ? new float[channels * multiplier] : bias;
        this.activation = activation;
    }

    @Override
    public void run(float[][] tensors) {
        float[] in = tensors[input];
        float[] out = tensors[output];
        if (multiplier == 1) {
            runSingle(in, out);
        } else {
            runMultiplied(in, out);
        }
        activation.apply(out, 0, rows.outputSize() * cols.outputSize() * channels * multiplier);
    }

    private void runSingle(float[] in, float[] out) {
        int inH = rows.inputSize();
        int inW = cols.inputSize();
        int outH = rows.outputSize();
        int outW = cols.outputSize();
        int kh = rows.kernel();
        int kw = cols.kernel();
        int c = channels;
        float[] w = filter;
        for (int oy = 0; oy < outH; oy++) {
            int iy0 = oy * rows.stride() - rows.padBefore();
            for (int ox = 0; ox < outW; ox++) {
                int ix0 = ox * cols.stride() - cols.padBefore();
                int o = (oy * outW + ox) * c;
                System.arraycopy(bias, 0, out, o, c);
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
                        int i = (iy * inW + ix) * c;
                        int wr = (ky * kw + kx) * c;
                        for (int ch = 0; ch < c; ch++) {
                            out[o + ch] += in[i + ch] * w[wr + ch];
                        }
                    }
                }
            }
        }
    }

    private void runMultiplied(float[] in, float[] out) {
        int inH = rows.inputSize();
        int inW = cols.inputSize();
        int outH = rows.outputSize();
        int outW = cols.outputSize();
        int kh = rows.kernel();
        int kw = cols.kernel();
        int outC = channels * multiplier;
        for (int oy = 0; oy < outH; oy++) {
            int iy0 = oy * rows.stride() - rows.padBefore();
            for (int ox = 0; ox < outW; ox++) {
                int ix0 = ox * cols.stride() - cols.padBefore();
                int o = (oy * outW + ox) * outC;
                System.arraycopy(bias, 0, out, o, outC);
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
                        int i = (iy * inW + ix) * channels;
                        int wr = (ky * kw + kx) * outC;
                        for (int ch = 0; ch < channels; ch++) {
                            float v = in[i + ch];
                            for (int m = 0; m < multiplier; m++) {
                                out[o + ch * multiplier + m] += v * filter[wr + ch * multiplier + m];
                            }
                        }
                    }
                }
            }
        }
    }
}
