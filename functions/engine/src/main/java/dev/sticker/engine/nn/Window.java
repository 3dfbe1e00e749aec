package dev.sticker.engine.nn;

/**
 * Output size and leading padding of a sliding window along one axis, computed the way TensorFlow does for
 * SAME, VALID and EXPLICIT padding.
 */
record Window(int inputSize, int outputSize, int kernel, int stride, int dilation, int padBefore) {

    static Window of(String padding, int inputSize, int kernel, int stride, int dilation, int explicitBefore,
            int explicitAfter) {
        int effectiveKernel = (kernel - 1) * dilation + 1;
        return switch (padding) {
            case "SAME" -> {
                int out = ceilDiv(inputSize, stride);
                int total = Math.max((out - 1) * stride + effectiveKernel - inputSize, 0);
                yield new Window(inputSize, out, kernel, stride, dilation, total / 2);
            }
            case "VALID" -> new Window(inputSize, ceilDiv(inputSize - effectiveKernel + 1, stride), kernel, stride,
                    dilation, 0);
            case "EXPLICIT" -> new Window(inputSize,
                    (inputSize + explicitBefore + explicitAfter - effectiveKernel) / stride + 1, kernel, stride,
                    dilation, explicitBefore);
            default -> throw new UnsupportedGraphException("unsupported padding " + padding);
        };
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
