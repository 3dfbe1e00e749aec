package dev.sticker.engine.nn;

/**
 * MaxPool and AvgPool on planar tensors. Like TensorFlow, padded positions are skipped, so an average counts only
 * real inputs.
 */
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
    public void run(float[][] tensors, Scratch scratch) {
        float[] in = tensors[input];
        float[] out = tensors[output];
        int inH = rows.inputSize();
        int inW = cols.inputSize();
        int outH = rows.outputSize();
        int outW = cols.outputSize();
        for (int c = 0; c < channels; c++) {
            int inPlane = c * inH * inW;
            int outPlane = c * outH * outW;
            for (int oy = 0; oy < outH; oy++) {
                int yFrom = Math.max(oy * rows.stride() - rows.padBefore(), 0);
                int yTo = Math.min(oy * rows.stride() - rows.padBefore() + rows.kernel(), inH);
                for (int ox = 0; ox < outW; ox++) {
                    int xFrom = Math.max(ox * cols.stride() - cols.padBefore(), 0);
                    int xTo = Math.min(ox * cols.stride() - cols.padBefore() + cols.kernel(), inW);
                    out[outPlane + oy * outW + ox] = kind == Kind.MAX
                            ? max(in, inPlane, inW, yFrom, yTo, xFrom, xTo)
                            : average(in, inPlane, inW, yFrom, yTo, xFrom, xTo);
                }
            }
        }
    }

    private static float max(float[] in, int plane, int width, int yFrom, int yTo, int xFrom, int xTo) {
        float max = Float.NEGATIVE_INFINITY;
        for (int y = yFrom; y < yTo; y++) {
            int row = plane + y * width;
            for (int x = xFrom; x < xTo; x++) {
                max = Math.max(max, in[row + x]);
            }
        }
        return max;
    }

    private static float average(float[] in, int plane, int width, int yFrom, int yTo, int xFrom, int xTo) {
        float sum = 0f;
        for (int y = yFrom; y < yTo; y++) {
            int row = plane + y * width;
            for (int x = xFrom; x < xTo; x++) {
                sum += in[row + x];
            }
        }
        return sum / ((yTo - yFrom) * (xTo - xFrom));
    }
}
