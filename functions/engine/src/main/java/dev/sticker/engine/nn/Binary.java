package dev.sticker.engine.nn;

/**
 * Add / AddV2 / Mul with NumPy broadcasting. Either operand may be a graph constant (rank-4 constants are stored
 * planar like every rank-4 tensor). Fast paths cover equal shapes, a scalar and a per-channel vector; anything else
 * walks the output in storage order with per-operand broadcast strides. The output may share the first operand's
 * array, which is always read at the output's own index before being written.
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
    private final boolean planarOutput;
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
        this.planarOutput = outShape.length == 4;
        this.outShape = rank4(outShape);
        this.firstStrides = strides(firstShape, this.outShape);
        this.secondStrides = strides(secondShape, this.outShape);
        this.size = Tensor.elementCount(outShape);
        int[] second4 = rank4(secondShape);
        boolean firstFull = Tensor.elementCount(firstShape) == size;
        if (firstFull && Tensor.elementCount(secondShape) == size) {
            layout = Layout.SAME;
        } else if (firstFull && Tensor.elementCount(secondShape) == 1) {
            layout = Layout.SCALAR;
        } else if (firstFull && planarOutput && second4[0] == 1 && second4[1] == 1 && second4[2] == 1
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

    /** Storage strides of an operand along the logical dimensions (n, h, w, c), zero where it is broadcast. */
    private static int[] strides(int[] shape, int[] outShape) {
        int[] s = rank4(shape);
        int[] strides = new int[4];
        if (shape.length == 4) {
            strides[3] = s[1] * s[2];
            strides[2] = 1;
            strides[1] = s[2];
            strides[0] = s[1] * s[2] * s[3];
        } else {
            int stride = 1;
            for (int i = 3; i >= 0; i--) {
                strides[i] = stride;
                stride *= s[i];
            }
        }
        for (int i = 0; i < 4; i++) {
            if (s[i] == 1 && outShape[i] != 1) {
                strides[i] = 0;
            }
        }
        return strides;
    }

    @Override
    public void run(float[][] tensors, Scratch scratch) {
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
            case SCALAR -> applyConstant(a, out, 0, size, b[0], add);
            case CHANNELS -> {
                int plane = outShape[1] * outShape[2];
                for (int c = 0; c < outShape[3]; c++) {
                    applyConstant(a, out, c * plane, (c + 1) * plane, b[c], add);
                }
            }
            case GENERAL -> runGeneral(a, b, out, add);
        }
    }

    private static void applyConstant(float[] a, float[] out, int from, int to, float value, boolean add) {
        if (add) {
            for (int i = from; i < to; i++) {
                out[i] = a[i] + value;
            }
        } else {
            for (int i = from; i < to; i++) {
                out[i] = a[i] * value;
            }
        }
    }

    private void runGeneral(float[] a, float[] b, float[] out, boolean add) {
        // storage order of the output: (n, c, h, w) when planar, (n, h, w, c) otherwise
        int[] order = planarOutput ? new int[] {0, 3, 1, 2} : new int[] {0, 1, 2, 3};
        int[] index = new int[4];
        for (int o = 0; o < size; o++) {
            int ia = 0;
            int ib = 0;
            for (int d = 0; d < 4; d++) {
                ia += index[d] * firstStrides[d];
                ib += index[d] * secondStrides[d];
            }
            out[o] = add ? a[ia] + b[ib] : a[ia] * b[ib];
            for (int k = 3; k >= 0; k--) {
                int d = order[k];
                if (++index[d] < outShape[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
    }
}
