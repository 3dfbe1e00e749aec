package dev.sticker.engine.nn;

/** AddN: the sum of equally shaped tensors; the output may share the first input's array. */
final class AddN implements Step {

    private final int[] inputs;
    private final int output;
    private final int size;

    AddN(int[] inputs, int output, int size) {
        this.inputs = inputs.clone();
        this.output = output;
        this.size = size;
    }

    @Override
    public void run(float[][] tensors, Scratch scratch) {
        float[] out = tensors[output];
        float[] first = tensors[inputs[0]];
        if (out != first) {
            System.arraycopy(first, 0, out, 0, size);
        }
        for (int k = 1; k < inputs.length; k++) {
            float[] in = tensors[inputs[k]];
            for (int i = 0; i < size; i++) {
                out[i] += in[i];
            }
        }
    }
}
