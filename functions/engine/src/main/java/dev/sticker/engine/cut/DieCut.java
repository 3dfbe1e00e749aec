package dev.sticker.engine.cut;

import dev.sticker.engine.image.BoxBlur;
import dev.sticker.engine.image.Parallelism;
import dev.sticker.engine.image.Sampler;

/**
 * The die-cut shape around a subject: a rounded border of a given thickness (a morphological closing computed
 * from exact distance transforms, so concave corners are rounded as well as convex ones) with an anti-aliased
 * edge, and the soft drop shadow that shape casts. The distance transforms run on a half-size grid: a distance
 * field changes by at most one unit per pixel, so its bilinear interpolation gives the full-size edge to within a
 * pixel, anti-aliased, for a quarter of the work. The subject itself stays at full resolution.
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
        int lowWidth = (width + 1) / 2;
        int lowHeight = (height + 1) / 2;
        byte[] lowSubject = halve(subject, width, height);
        float[] toSubject = DistanceTransform.distanceTo(lowSubject, SubjectMask.SUBJECT, lowWidth, lowHeight,
                parallelism);
        float reach = (geometry.border() + geometry.rounding()) / 2;
        byte[] dilated = new byte[lowSubject.length];
        for (int i = 0; i < dilated.length; i++) {
            dilated[i] = toSubject[i] <= reach ? SubjectMask.SUBJECT : SubjectMask.BACKGROUND;
        }
        float[] inside = DistanceTransform.distanceTo(dilated, SubjectMask.BACKGROUND, lowWidth, lowHeight,
                parallelism);
        float rounding = geometry.rounding();
        float[] distance = Sampler.resize(inside, lowWidth, lowHeight, width, height, parallelism);
        float[] cut = distance;
        float[] soft = new float[n];
        for (int i = 0; i < n; i++) {
            // Twice the half-grid distance to the outside of the dilation, minus the rounding radius: the eroded
            // edge in output pixels, with a one-pixel ramp for anti-aliasing.
            boolean isSubject = subject[i] == SubjectMask.SUBJECT;
            cut[i] = isSubject ? 1f : clamp01(2 * distance[i] - rounding);
            soft[i] = isSubject ? 1f : 0f;
        }
        BoxBlur.blurInPlace(soft, width, height, 1, 1, parallelism);
        float[] lowCut = new float[inside.length];
        for (int i = 0; i < lowCut.length; i++) {
            lowCut[i] = clamp01(inside[i] - rounding / 2);
        }
        return new Shape(soft, cut, shadow(lowCut, lowWidth, lowHeight, width, height, geometry, parallelism));
    }

    /** A half-size mask in which a pixel is subject when any pixel of its 2x2 block is. */
    private static byte[] halve(byte[] mask, int width, int height) {
        int lowWidth = (width + 1) / 2;
        int lowHeight = (height + 1) / 2;
        byte[] low = new byte[lowWidth * lowHeight];
        for (int y = 0; y < height; y++) {
            int row = (y / 2) * lowWidth;
            for (int x = 0; x < width; x++) {
                if (mask[y * width + x] == SubjectMask.SUBJECT) {
                    low[row + x / 2] = SubjectMask.SUBJECT;
                }
            }
        }
        return low;
    }

    /**
     * The half-size cut, offset, blurred three times and upsampled to the output: a soft shadow has no detail to
     * lose at half resolution.
     */
    private static float[] shadow(float[] lowCut, int lowWidth, int lowHeight, int width, int height,
                                  Geometry geometry, Parallelism parallelism) {
        float[] shifted = new float[lowCut.length];
        int dx = Math.round(geometry.shadowOffsetX() / 2f);
        int dy = Math.round(geometry.shadowOffsetY() / 2f);
        for (int y = Math.max(0, dy); y < Math.min(lowHeight, lowHeight + dy); y++) {
            int source = (y - dy) * lowWidth;
            for (int x = Math.max(0, dx); x < Math.min(lowWidth, lowWidth + dx); x++) {
                shifted[y * lowWidth + x] = lowCut[source + x - dx];
            }
        }
        BoxBlur.blurInPlace(shifted, lowWidth, lowHeight, Math.max(1, geometry.shadowBlur() / 2), 3, parallelism);
        return Sampler.resize(shifted, lowWidth, lowHeight, width, height, parallelism);
    }

    private static float clamp01(float v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
