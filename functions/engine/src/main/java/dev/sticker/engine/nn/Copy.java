package dev.sticker.engine.nn;

/** Identity and Reshape: row-major data is unchanged, only the shape differs. */
final class Copy implements Step {

    private final int input;
    private final int output;
    private final int size;

    Copy(int input, int output, int size) {
        this.input = input;
        this.output = output;
        this.size = size;
    }

    @Override
    public void run(float[][] tensors) {
        if (tensors[input] != tensors[output]) {
            System.arraycopy(tensors[input], 0, tensors[output], 0, size);
        }
    }
}
