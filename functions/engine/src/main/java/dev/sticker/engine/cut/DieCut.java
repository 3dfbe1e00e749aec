package dev.sticker.engine.cut;

import dev.sticker.engine.image.BoxBlur;
import dev.sticker.engine.image.Parallelism;

/**
 * The die-cut shape around a subject: a rounded border of a given thickness (a morphological closing computed
 * from exact distance transforms, so concave corners are rounded as well as convex ones) with an anti-aliased
 * edge, and the soft drop shadow that shape casts.
 */
public final class DieCut {

    private DieCut() {
    }

    /**
     * Coverages in [0, 1], each {@code width x height}: the subject itself (edge-smoothed), the whole cut (subject
     * plus border) and the shadow (already offset).
     */
    public record Shape(float[] subject, float[] cut, float[] shadow) {
    }

    /** How the cut is drawn, in output pixels. */
    public record Geometry(float border, float rounding, int shadowOffsetX, int shadowOffsetY, int shadowBlur) {
    }

    public static Shape cut(byte[] subject, int width, int height, Geometry geometry, Parallelism parallelism) {
        int n = width * height;
        float[] toSubject = DistanceTransform.distanceTo(subject, SubjectMask.SUBJECT, width, height, parallelism);
        float reach = geometry.border() + geometry.rounding();
        byte[] dilated = new byte[n];
        for (int i = 0; i < n; i++) {
            dilated[i] = toSubject[i] <= reach ? SubjectMask.SUBJECT : SubjectMask.BACKGROUND;
        }
        float[] cut = DistanceTransform.distanceTo(dilated, SubjectMask.BACKGROUND, width, height, parallelism);
        float rounding = geometry.rounding();
        for (int i = 0; i < n; i++) {
            // Distance to the outside of the dilation, minus the rounding radius: the eroded edge, with a one-pixel
            // ramp for anti-aliasing.
            cut[i] = clamp01(cut[i] - rounding + 0.5f);
        }
        float[] soft = new float[n];
        for (int i = 0; i < n; i++) {
            soft[i] = subject[i] == SubjectMask.SUBJECT ? 1f : 0f;
        }
        BoxBlur.blurInPlace(soft, width, height, 1, 1, parallelism);
        return new Shape(soft, cut, shadow(cut, width, height, geometry, parallelism));
    }

    private static float[] shadow(float[] cut, int width, int height, Geometry geometry, Parallelism parallelism) {
        float[] shadow = new float[width * height];
        int dx = geometry.shadowOffsetX();
        int dy = geometry.shadowOffsetY();
        for (int y = 0; y < height; y++) {
            int sy = y - dy;
            if (sy < 0 || sy >= height) {
                continue;
            }
            for (int x = 0; x < width; x++) {
                int sx = x - dx;
                if (sx >= 0 && sx < width) {
                    shadow[y * width + x] = cut[sy * width + sx];
                }
            }
        }
        BoxBlur.blurInPlace(shadow, width, height, Math.max(1, geometry.shadowBlur()), 3, parallelism);
        return shadow;
    }

    private static float clamp01(float v) {
        return v < 0 ? 0 : Math.min(v, 1);
    }
}
