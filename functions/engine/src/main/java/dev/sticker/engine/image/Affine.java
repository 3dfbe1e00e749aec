package dev.sticker.engine.image;

/**
 * A 2-D affine map {@code (x, y) -> (m00 x + m01 y + m02, m10 x + m11 y + m12)} in continuous pixel coordinates,
 * where pixel {@code (i, j)} covers {@code [i, i+1) x [j, j+1)}.
 */
public record Affine(double m00, double m01, double m02, double m10, double m11, double m12) {

    public double x(double x, double y) {
        return m00 * x + m01 * y + m02;
    }

    public double y(double x, double y) {
        return m10 * x + m11 * y + m12;
    }

    /** The map applying {@code first} and then this one. */
    public Affine after(Affine first) {
        return new Affine(
                m00 * first.m00 + m01 * first.m10, m00 * first.m01 + m01 * first.m11, m00 * first.m02 + m01 * first.m12 + m02,
                m10 * first.m00 + m11 * first.m10, m10 * first.m01 + m11 * first.m11, m10 * first.m02 + m11 * first.m12 + m12);
    }

    public static Affine scaleTranslate(double scaleX, double scaleY, double dx, double dy) {
        return new Affine(scaleX, 0, dx, 0, scaleY, dy);
    }
}
