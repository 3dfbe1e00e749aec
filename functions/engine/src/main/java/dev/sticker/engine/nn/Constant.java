package dev.sticker.engine.nn;

/** A constant from the graph's weights: float data (weights, biases) or int32 data (shapes, paddings). */
sealed interface Constant {

    int[] shape();

    record Floats(int[] shape, float[] values) implements Constant {
    }

    record Ints(int[] shape, int[] values) implements Constant {
    }
}
