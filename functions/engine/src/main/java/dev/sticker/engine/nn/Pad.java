package dev.sticker.engine.nn;

/**
 * Pad with zeros around a planar [1, H, W, C] tensor (BlazeFace also pads the channel axis to widen residuals).
 */
final class Pad implements Step {

    private final int input;
    private final int output;
    private final int[] inShape;
    private final int[] outShape;
    private final int[] before;

    Pad(int input, int output, int[] inShape, int[] outShape, int[] before) {
        this.input = input;
        this.output = output;
        this.inShape = inShape.clone();
        this.outShape = outShape.clone();
        this.before = before.clone();
    }

    @Override
    public void run(float[][] tensors, Scratch scratch) {
        float[] in = tensors[input];
        float[] out = tensors[output];
        Rows.fill(out, 0, Tensor.elementCount(outShape), 0f);
        int inH = inShape[1];
        int inW = inShape[2];
        int outH = outShape[1];
        int outW = outShape[2];
        for (int c = 0; c < inShape[3]; c++) {
            int inPlane = c * inH * inW;
            int outPlane = (c + before[3]) * outH * outW;
            for (int y = 0; y < inH; y++) {
                System.arraycopy(in, inPlane + y * inW, out, outPlane + (y + before[1]) * outW + before[2], inW);
            }
        }
    }
}
