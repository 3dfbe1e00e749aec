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
        // each input row interpolated across once (output rows share input rows), then rows blended in a loop
        // whose arrays are all indexed alike, which C2 vectorises; the same arithmetic as pixel by pixel
        float[] across = scratch.area();
        float[] top = new float[outW];
        float[] bottom = new float[outW];
        float[] blended = new float[outW];
        for (int c = 0; c < channels; c++) {
            int inPlane = c * inH * inW;
            for (int iy = 0; iy < inH; iy++) {
                int row = inPlane + iy * inW;
                int o = iy * outW;
                for (int ox = 0; ox < outW; ox++) {
                    int left = colLow[ox];
                    int right = colHigh[ox];
                    across[o + ox] = in[row + left] + (in[row + right] - in[row + left]) * colFraction[ox];
                }
            }
            int outPlane = c * outH * outW;
            for (int oy = 0; oy < outH; oy++) {
                System.arraycopy(across, rowLow[oy] * outW, top, 0, outW);
                System.arraycopy(across, rowHigh[oy] * outW, bottom, 0, outW);
                float fy = rowFraction[oy];
                for (int ox = 0; ox < outW; ox++) {
                    blended[ox] = top[ox] + (bottom[ox] - top[ox]) * fy;
                }
                System.arraycopy(blended, 0, out, outPlane + oy * outW, outW);
            }
        }
    }

    @Override
    public int scratchSize() {
        return inH * outW;
    }
}
