package dev.sticker.engine.nn;

import java.util.Arrays;

/**
 * Conv2DBackpropInput: the transpose of a strided convolution, with a [kh, kw, outChannels, inChannels] filter.
 * {@code rows} and {@code cols} describe the forward convolution from this op's output back to its input, so the
 * padding is exactly TensorFlow's for the same forward convolution.
 */
final class TransposedConv2d implements Step {

    private final int input;
    private final int output;
    private final Window rows;
    private final Window cols;
    private final int inChannels;
    private final int outChannels;
    private final float[] filter;

    TransposedConv2d(int input, int output, Window rows, Window cols, int inChannels, int outChannels,
            float[] filter) {
        this.input = input;
        this.output = output;
        this.rows = rows;
        this.cols = cols;
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.filter = filter;
    }

    @Override
    public void run(float[][] tensors) {
        float[] in = tensors[input];
        float[] out = tensors[output];
        int outH = rows.inputSize();
        int outW = cols.inputSize();
        int inH = rows.outputSize();
        int inW = cols.outputSize();
        int kh = rows.kernel();
        int kw = cols.kernel();
        int cin = inChannels;
        int cout = outChannels;
        Arrays.fill(out, 0, outH * outW * cout, 0f);
        for (int iy = 0; iy < inH; iy++) {
            for (int ix = 0; ix < inW; ix++) {
                int i = (iy * inW + ix) * cin;
                for (int ky = 0; ky < kh; ky++) {
                    int oy = iy * rows.stride() - rows.padBefore() + ky * rows.dilation();
                    if (oy < 0 || oy >= outH) {
                        continue;
                    }
                    for (int kx = 0; kx < kw; kx++) {
                        int ox = ix * cols.stride() - cols.padBefore() + kx * cols.dilation();
                        if (ox < 0 || ox >= outW) {
                            continue;
                        }
                        int o = (oy * outW + ox) * cout;
                        int wBase = (ky * kw + kx) * cout * cin;
                        for (int co = 0; co < cout; co++) {
                            int wr = wBase + co * cin;
                            float sum = 0f;
                            for (int ci = 0; ci < cin; ci++) {
                                sum += in[i + ci] * filter[wr + ci];
                            }
                            out[o + co] += sum;
                        }
                    }
                }
            }
        }
    }
}
