package dev.sticker.engine.nn;

/** An activation fused into a producing operation. */
enum Activation {
    NONE, RELU, RELU6;

    static Activation fromOp(String op) {
        return switch (op) {
            case "Relu" -> RELU;
            case "Relu6" -> RELU6;
            default -> throw new UnsupportedGraphException("unsupported fused activation " + op);
        };
    }

    void apply(float[] values, int from, int to) {
        switch (this) {
            case NONE -> {
            }
            case RELU -> {
                for (int i = from; i < to; i++) {
                    values[i] = Math.max(values[i], 0f);
                }
            }
            case RELU6 -> {
                for (int i = from; i < to; i++) {
                    values[i] = Math.min(Math.max(values[i], 0f), 6f);
                }
            }
        }
    }
}
