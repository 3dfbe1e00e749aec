package dev.sticker.engine.nn;

import java.util.Arrays;

/** MaxPool and AvgPool over NHWC. Like TensorFlow, padded positions are skipped, so an average counts only real inputs. */
final class Pool2d implements Step {

    enum Kind { MAX, AVERAGE }

    private final Kind kind;
    private final int input;
    private final int output;
    private final Window rows;
    private final Window cols;
    private final int channels;

    Pool2d(Kind kind, int input, int output, Window rows, Window cols, int channels) {
        this.kind = kind;
        this.input = input;
        this.output = output;
        this.rows = rows;
        this.cols = cols;
        this.channels = channels;
    }

    @Override
    public void run(float[][] tensors) {
        float[] in = tensors[input];
        float[] out = tensors[output];
        int inW = cols.inputSize();
        int outW = cols.outputSize();
        int c = channels;
        for (int oy = 0; oy < rows.outputSize(); oy++) {
            int yFrom = Math.max(oy * rows.stride() - rows.padBefore(), 0);
            int yTo = Math.min(oy * rows.stride() - rows.padBefore() + rows.kernel(), rows.inputSize());
            for (int ox = 0; ox < outW; ox++) {
                int xFrom = Math.max(ox * cols.stride() - cols.padBefore(), 0);
                int xTo = Math.min(ox * cols.stride() - cols.padBefore() + cols.kernel(), inW);
                int o = (oy * outW + ox) * c;
                Arrays.fill(out, o, o + c, kind == Kind.MAX ? Float.NEGATIVE_INFINITY : 0f);
                for (int y = yFrom; y < yTo; y++) {
                    for (int x = xFrom; x < xTo; x++) {
                        int i = (y * inW + x) * c;
                        if (kind == Kind.MAX) {
                            for (int ch = 0; ch < c; ch++) {
                                out[o + ch] = Math.max(out[o + ch], in[i + ch]);
                            }
                        } else {
                            for (int ch = 0; ch < c; ch++) {
                                out[o + ch] += in[i + ch];
                            }
                        }
                    }
                }
                if (kind == Kind.AVERAGE) {
                    float count = (yTo - yFrom) * (xTo - xFrom);
                    for (int ch = 0; ch < c; ch++) {
                        out[o + ch] /= count;
                    }
                }
            }
        }
    }
}
