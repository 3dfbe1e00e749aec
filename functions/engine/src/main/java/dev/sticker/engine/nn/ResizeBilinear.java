package dev.sticker.engine.nn;

/**
 * ResizeBilinear on planar tensors, with TensorFlow's source-coordinate rules: align_corners maps corner pixels onto each
 * other, half_pixel_centers samples at pixel centres, neither is the legacy top-left mapping.
 */
final class ResizeBilinear implements Step {

    private final int input;
    private final int output;
    private final int inH;
    private final int inW;
    private final int channels;
    private final int outH;
    private final int outW;
    private final int[] rowLow;
    private final int[] rowHigh;
    private final float[] rowFraction;
    private final int[] colLow;
    private final int[] colHigh;
    private final float[] colFraction;

    ResizeBilinear(int input, int output, int inH, int inW, int channels, int outH, int outW, boolean alignCorners,
            boolean halfPixelCenters) {
        this.input = input;
        this.output = output;
        this.inH = inH;
        this.inW = inW;
        this.channels = channels;
        this.outH = outH;
        this.outW = outW;
        this.rowLow = new int[outH];
        this.rowHigh = new int[outH];
        this.rowFraction = new float[outH];
        this.colLow = new int[outW];
        this.colHigh = new int[outW];
        this.colFraction = new float[outW];
        sourcePositions(inH, outH, alignCorners, halfPixelCenters, rowLow, rowHigh, rowFraction);
        sourcePositions(inW, outW, alignCorners, halfPixelCenters, colLow, colHigh, colFraction);
    }

    private static void sourcePositions(int inSize, int outSize, boolean alignCorners, boolean halfPixelCenters,
            int[] low, int[] high, float[] fraction) {
        boolean aligned = alignCorners && outSize > 1;
        float ratio = (float) (aligned ? inSize - 1 : inSize) / (aligned ? outSize - 1 : outSize);
        for (int o = 0; o < outSize; o++) {
            float source = halfPixelCenters ? ratio * (o + 0.5f) - 0.5f : ratio * o;
            float floor = (float) Math.floor(source);
            low[o] = Math.max(0, (int) floor);
            high[o] = Math.min(inSize - 1, (int) Math.ceil(source));
            fraction[o] = source - floor;
        }
    }

    @Override
    public void run(float[][] tensors, Scratch scratch) {
        float[] in = tensors[input];
        float[] out = tensors[output];
        for (int c = 0; c < channels; c++) {
            int inPlane = c * inH * inW;
            int outPlane = c * outH * outW;
            for (int oy = 0; oy < outH; oy++) {
                int top = inPlane + rowLow[oy] * inW;
                int bottom = inPlane + rowHigh[oy] * inW;
                float fy = rowFraction[oy];
                int o = outPlane + oy * outW;
                for (int ox = 0; ox < outW; ox++) {
                    int left = colLow[ox];
                    int right = colHigh[ox];
                    float fx = colFraction[ox];
                    float topValue = in[top + left] + (in[top + right] - in[top + left]) * fx;
                    float bottomValue = in[bottom + left] + (in[bottom + right] - in[bottom + left]) * fx;
                    out[o + ox] = topValue + (bottomValue - topValue) * fy;
                }
            }
        }
    }
}
