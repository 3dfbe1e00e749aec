package dev.sticker.engine.cut;

import dev.sticker.engine.image.BoxBlur;
import dev.sticker.engine.image.Parallelism;
import dev.sticker.engine.image.Sampler;

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
            cut[i] = clamp01(cut[i] - rounding);
        }
        float[] soft = new float[n];
        for (int i = 0; i < n; i++) {
            soft[i] = subject[i] == SubjectMask.SUBJECT ? 1f : 0f;
        }
        BoxBlur.blurInPlace(soft, width, height, 1, 1, parallelism);
        return new Shape(soft, cut, shadow(cut, width, height, geometry, parallelism));
    }

    /**
     * The cut, offset and blurred three times. Computed at half resolution, where the blur is cheaper, and
     * upsampled: a soft shadow has no detail to lose.
     */
    private static float[] shadow(float[] cut, int width, int height, Geometry geometry, Parallelism parallelism) {
        int lowWidth = (width + 1) / 2;
        int lowHeight = (height + 1) / 2;
        float[] low = Sampler.shrink(cut, width, height, 2);
        float[] shifted = new float[low.length];
        int dx = Math.round(geometry.shadowOffsetX() / 2f);
        int dy = Math.round(geometry.shadowOffsetY() / 2f);
        for (int y = Math.max(0, dy); y < Math.min(lowHeight, lowHeight + dy); y++) {
            int source = (y - dy) * lowWidth;
            for (int x = Math.max(0, dx); x < Math.min(lowWidth, lowWidth + dx); x++) {
                shifted[y * lowWidth + x] = low[source + x - dx];
            }
        }
        BoxBlur.blurInPlace(shifted, lowWidth, lowHeight, Math.max(1, geometry.shadowBlur() / 2), 3, parallelism);
        return Sampler.resize(shifted, lowWidth, lowHeight, width, height, parallelism);
    }

    private static float clamp01(float v) {
        return v < 0 ? 0 : Math.min(v, 1);
    }
}
