package dev.sticker.engine.nn;

/**
 * Add / AddV2 / Mul with NumPy broadcasting. Either operand may be a graph constant. Fast paths cover equal shapes,
 * a scalar and a per-channel vector; anything else goes through rank-4 broadcast strides. The output may share
 * the first operand's array, which is always read at the output's own index before being written.
 */
final class Binary implements Step {

    enum Function { ADD, MUL }

    private enum Layout { SAME, SCALAR, CHANNELS, GENERAL }

    private final Function function;
    private final int first;
    private final int second;
    private final float[] firstConstant;
    private final float[] secondConstant;
    private final int output;
    private final int[] outShape;
    private final int[] firstStrides;
    private final int[] secondStrides;
    private final Layout layout;
    private final int size;

    /**
     * @param firstConstant  values of the first operand when it is a constant, else null (then {@code first} is read)
     * @param secondConstant likewise for the second operand
     */
    Binary(Function function, int first, float[] firstConstant, int[] firstShape, int second, float[] secondConstant,
            int[] secondShape, int output, int[] outShape) {
        this.function = function;
        this.first = first;
        this.second = second;
        this.firstConstant = firstConstant;
        this.secondConstant = secondConstant;
        this.output = output;
        this.outShape = rank4(outShape);
        this.firstStrides = broadcastStrides(rank4(firstShape), this.outShape);
        this.secondStrides = broadcastStrides(rank4(secondShape), this.outShape);
        this.size = Tensor.elementCount(outShape);
        int firstSize = Tensor.elementCount(firstShape);
        int secondSize = Tensor.elementCount(secondShape);
        int[] second4 = rank4(secondShape);
        if (firstSize == size && secondSize == size) {
            layout = Layout.SAME;
        } else if (firstSize == size && secondSize == 1) {
            layout = Layout.SCALAR;
        } else if (firstSize == size && second4[0] == 1 && second4[1] == 1 && second4[2] == 1
                && second4[3] == this.outShape[3]) {
            layout = Layout.CHANNELS;
        } else {
            layout = Layout.GENERAL;
        }
    }

    static int[] broadcastShape(String node, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i - (rank - a.length) >= 0 ? a[i - (rank - a.length)] : 1;
            int db = i - (rank - b.length) >= 0 ? b[i - (rank - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new UnsupportedGraphException("node " + node + ": shapes cannot broadcast");
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    private static int[] rank4(int[] shape) {
        if (shape.length > 4) {
            throw new UnsupportedGraphException("elementwise operands of rank above 4 are not supported");
        }
        int[] out = {1, 1, 1, 1};
        System.arraycopy(shape, 0, out, 4 - shape.length, shape.length);
        return out;
    }

    private static int[] broadcastStrides(int[] shape, int[] outShape) {
        int[] strides = new int[4];
        int stride = 1;
        for (int i = 3; i >= 0; i--) {
            strides[i] = shape[i] == 1 && outShape[i] != 1 ? 0 : stride;
            stride *= shape[i];
        }
        return strides;
    }

    @Override
    public void run(float[][] tensors) {
        float[] a = firstConstant != null ? firstConstant : tensors[first];
        float[] b = secondConstant != null ? secondConstant : tensors[second];
        float[] out = tensors[output];
        boolean add = function == Function.ADD;
        switch (layout) {
            case SAME -> {
                if (add) {
                    for (int i = 0; i < size; i++) {
                        out[i] = a[i] + b[i];
                    }
                } else {
                    for (int i = 0; i < size; i++) {
                        out[i] = a[i] * b[i];
                    }
                }
            }
            case SCALAR -> {
                float s = b[0];
                if (add) {
                    for (int i = 0; i < size; i++) {
                        out[i] = a[i] + s;
                    }
                } else {
                    for (int i = 0; i < size; i++) {
                        out[i] = a[i] * s;
                    }
                }
            }
            case CHANNELS -> {
                int c = outShape[3];
                for (int p = 0; p < size; p += c) {
                    if (add) {
                        for (int ch = 0; ch < c; ch++) {
                            out[p + ch] = a[p + ch] + b[ch];
                        }
                    } else {
                        for (int ch = 0; ch < c; ch++) {
                            out[p + ch] = a[p + ch] * b[ch];
                        }
                    }
                }
            }
            case GENERAL -> runGeneral(a, b, out, add);
        }
    }

    private void runGeneral(float[] a, float[] b, float[] out, boolean add) {
        int o = 0;
        for (int d0 = 0; d0 < outShape[0]; d0++) {
            for (int d1 = 0; d1 < outShape[1]; d1++) {
                for (int d2 = 0; d2 < outShape[2]; d2++) {
                    int ia = d0 * firstStrides[0] + d1 * firstStrides[1] + d2 * firstStrides[2];
                    int ib = d0 * secondStrides[0] + d1 * secondStrides[1] + d2 * secondStrides[2];
                    for (int d3 = 0; d3 < outShape[3]; d3++) {
                        float x = a[ia + d3 * firstStrides[3]];
                        float y = b[ib + d3 * secondStrides[3]];
                        out[o++] = add ? x + y : x * y;
                    }
                }
            }
        }
    }
}
