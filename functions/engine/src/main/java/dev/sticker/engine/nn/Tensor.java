package dev.sticker.engine.nn;

import java.util.Arrays;

/**
 * A dense float32 tensor in row-major (NHWC for images) order. The arrays are shared, not copied:
 * the interpreter hands out fresh tensors and never touches them again.
 */
public record Tensor(int[] shape, float[] values) {

    public Tensor {
        if (elementCount(shape) != values.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + elementCount(shape) + " values, got " + values.length);
        }
    }

    public static int elementCount(int[] shape) {
        int count = 1;
        for (int dimension : shape) {
            count = Math.multiplyExact(count, dimension);
        }
        return count;
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
