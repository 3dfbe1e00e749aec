package dev.sticker.engine.nn;

/** Elementwise Relu, Relu6 and Sigmoid; safe to run in place. */
final class Unary implements Step {

    enum Function { RELU, RELU6, SIGMOID }

    private final Function function;
    private final int input;
    private final int output;
    private final int size;

    Unary(Function function, int input, int output, int size) {
        this.function = function;
        this.input = input;
        this.output = output;
        this.size = size;
    }

    @Override
    public void run(float[][] tensors, Scratch scratch) {
        float[] in = tensors[input];
        float[] out = tensors[output];
        switch (function) {
            case RELU -> {
                for (int i = 0; i < size; i++) {
                    out[i] = Math.max(in[i], 0f);
                }
            }
            case RELU6 -> {
                for (int i = 0; i < size; i++) {
                    out[i] = Math.min(Math.max(in[i], 0f), 6f);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < size; i++) {
                    out[i] = (float) (1.0 / (1.0 + Math.exp(-in[i])));
                }
            }
        }
    }
}
