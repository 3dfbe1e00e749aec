package dev.sticker.engine.nn;

import java.util.Arrays;

/** Pad with zeros around a rank-4 NHWC tensor (BlazeFace also pads the channel axis to widen residuals). */
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
    public void run(float[][] tensors) {
        float[] in = tensors[input];
        float[] out = tensors[output];
        Arrays.fill(out, 0, Tensor.elementCount(outShape), 0f);
        int inH = inShape[1];
        int inW = inShape[2];
        int inC = inShape[3];
        int outH = outShape[1];
        int outW = outShape[2];
        int outC = outShape[3];
        for (int n = 0; n < inShape[0]; n++) {
            for (int y = 0; y < inH; y++) {
                for (int x = 0; x < inW; x++) {
                    int i = ((n * inH + y) * inW + x) * inC;
                    int o = (((n + before[0]) * outH + y + before[1]) * outW + x + before[2]) * outC + before[3];
                    System.arraycopy(in, i, out, o, inC);
                }
            }
        }
    }
}
