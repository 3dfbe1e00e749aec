package dev.sticker.engine.png;

/** The PNG per-row prediction filters the encoder can apply (type byte as in the PNG specification). */
public enum RowFilter {
    NONE(0),
    SUB(1),
    UP(2),
    PAETH(4);

    private final int type;

    RowFilter(int type) {
        this.type = type;
    }

    public int type() {
        return type;
    }

    /** Writes the filtered {@code current} row to {@code out} after the filter type byte at {@code at}. */
    void apply(byte[] current, byte[] previous, int bytesPerPixel, byte[] out, int at) {
        out[at] = (byte) type;
        int length = current.length;
        switch (this) {
            case NONE -> System.arraycopy(current, 0, out, at + 1, length);
            case SUB -> {
                System.arraycopy(current, 0, out, at + 1, bytesPerPixel);
                for (int i = bytesPerPixel; i < length; i++) {
                    out[at + 1 + i] = (byte) (current[i] - current[i - bytesPerPixel]);
                }
            }
            case UP -> {
                for (int i = 0; i < length; i++) {
                    out[at + 1 + i] = (byte) (current[i] - previous[i]);
                }
            }
            case PAETH -> {
                for (int i = 0; i < length; i++) {
                    int left = i >= bytesPerPixel ? current[i - bytesPerPixel] & 0xFF : 0;
                    int up = previous[i] & 0xFF;
                    int upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] & 0xFF : 0;
                    out[at + 1 + i] = (byte) (current[i] - paeth(left, up, upLeft));
                }
            }
        }
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c;
        int pa = Math.abs(p - a);
        int pb = Math.abs(p - b);
        int pc = Math.abs(p - c);
        if (pa <= pb && pa <= pc) {
            return a;
        }
        return pb <= pc ? b : c;
    }
}
