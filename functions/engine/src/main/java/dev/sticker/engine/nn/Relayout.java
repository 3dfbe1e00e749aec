package dev.sticker.engine.nn;

/**
 * Identity, Reshape and the conversion of the NHWC graph input. Data moves only when the storage layout changes:
 * inside the graph a rank-4 tensor is planar and anything else row-major, so reshaping to or from rank 4 converts
 * between planar and NHWC order.
 */
final class Relayout implements Step {

    private final int input;
    private final int output;
    private final int[] inShape;
    private final int[] outShape;
    private final boolean planarIn;
    private final boolean planarOut;
    private final int size;

    Relayout(int input, int output, int[] inShape, boolean planarIn, int[] outShape, boolean planarOut) {
        this.input = input;
        this.output = output;
        this.inShape = inShape.clone();
        this.outShape = outShape.clone();
        this.planarIn = planarIn;
        this.planarOut = planarOut;
        this.size = Tensor.elementCount(outShape);
    }

    /** Whether the output can share the input's array: only when no data moves. */
    boolean copiesOnly() {
        return !planarIn && !planarOut;
    }

    @Override
    public int scratchSize() {
        return planarIn && planarOut ? size : 0;
    }

    @Override
    public void run(float[][] tensors, Scratch scratch) {
        float[] in = tensors[input];
        float[] out = tensors[output];
        if (planarIn && planarOut) {
            toRowMajor(in, scratch.area(), inShape);
            toPlanar(scratch.area(), out, outShape);
        } else if (planarIn) {
            toRowMajor(in, out, inShape);
        } else if (planarOut) {
            toPlanar(in, out, outShape);
        } else if (in != out) {
            System.arraycopy(in, 0, out, 0, size);
        }
    }

    /** Planar [1, H, W, C] to NHWC order. */
    static void toRowMajor(float[] planar, float[] rowMajor, int[] shape) {
        int pixels = shape[0] * shape[1] * shape[2];
        int channels = shape[3];
        for (int c = 0; c < channels; c++) {
            int plane = c * pixels;
            for (int p = 0; p < pixels; p++) {
                rowMajor[p * channels + c] = planar[plane + p];
            }
        }
    }

    /** NHWC order to planar [1, H, W, C]. */
    static void toPlanar(float[] rowMajor, float[] planar, int[] shape) {
        int pixels = shape[0] * shape[1] * shape[2];
        int channels = shape[3];
        for (int c = 0; c < channels; c++) {
            int plane = c * pixels;
            for (int p = 0; p < pixels; p++) {
                planar[plane + p] = rowMajor[p * channels + c];
            }
        }
    }
}
