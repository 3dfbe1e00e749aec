package dev.sticker.engine.nn;

/**
 * Conv2DBackpropInput on planar tensors, with a [kh, kw, outChannels, inChannels] filter. {@code rows} and
 * {@code cols} describe the forward convolution from this op's output back to its input, so the padding is exactly
 * TensorFlow's for that forward convolution.
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
    public void run(float[][] tensors, Scratch scratch) {
        float[] in = tensors[input];
        float[] out = tensors[output];
        int outH = rows.inputSize();
        int outW = cols.inputSize();
        int inH = rows.outputSize();
        int inW = cols.outputSize();
        int kh = rows.kernel();
        int kw = cols.kernel();
        Rows.fill(out, 0, outH * outW * outChannels, 0f);
        for (int co = 0; co < outChannels; co++) {
            int outPlane = co * outH * outW;
            for (int ci = 0; ci < inChannels; ci++) {
                int inPlane = ci * inH * inW;
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        float w = filter[((ky * kw + kx) * outChannels + co) * inChannels + ci];
                        for (int iy = 0; iy < inH; iy++) {
                            int oy = iy * rows.stride() - rows.padBefore() + ky * rows.dilation();
                            if (oy < 0 || oy >= outH) {
                                continue;
                            }
                            for (int ix = 0; ix < inW; ix++) {
                                int ox = ix * cols.stride() - cols.padBefore() + kx * cols.dilation();
                                if (ox >= 0 && ox < outW) {
                                    out[outPlane + oy * outW + ox] += w * in[inPlane + iy * inW + ix];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
