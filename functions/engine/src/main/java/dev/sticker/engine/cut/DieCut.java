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

    /** How the cut is drawn, in output pixels. */
    public record Geometry(float border, float rounding, int shadowOffsetX, int shadowOffsetY, int shadowBlur) {
    }

    /**
     * The cut, kept at the half size it is computed at (plus the full-size subject): {@link #rows} produces the
     * full-size coverages a few rows at a time, so a large sticker never holds them whole.
     */
    public static final class Shape {
        private final byte[] subject;
        private final int width;
        private final int height;
        private final float[] inside;
        private final float[] shadow;
        private final int lowWidth;
        private final float rounding;
        private final Sampler.Taps columns;
        private final Sampler.Taps rows;

        private Shape(byte[] subject, int width, int height, float[] inside, float[] shadow, int lowWidth,
                      int lowHeight, float rounding) {
            this.subject = subject;
            this.width = width;
            this.height = height;
            this.inside = inside;
            this.shadow = shadow;
            this.lowWidth = lowWidth;
            this.rounding = rounding;
            this.columns = Sampler.Taps.of(lowWidth, width);
            this.rows = Sampler.Taps.of(lowHeight, height);
        }

        /**
         * Rows {@code [y0, y1)} of the coverages in [0, 1], into arrays of {@code (y1 - y0) * width}: the subject
         * with its edge smoothed (the share of subject pixels in each 3x3 neighbourhood), the whole cut (subject
         * plus border) with an anti-aliased edge, and the shadow (already offset).
         */
        public void rows(int y0, int y1, float[] subjectRows, float[] cutRows, float[] shadowRows) {
            Sampler.resizeRows(inside, lowWidth, columns, rows, y0, y1, cutRows, y0);
            Sampler.resizeRows(shadow, lowWidth, columns, rows, y0, y1, shadowRows, y0);
            int[] above = rowSums(Math.max(0, y0 - 1));
            int[] here = rowSums(y0);
            for (int y = y0; y < y1; y++) {
                int[] below = rowSums(Math.min(height - 1, y + 1));
                int o = (y - y0) * width;
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    boolean isSubject = subject[row + x] == SubjectMask.SUBJECT;
                    // Twice the half-grid distance to the outside of the dilation, minus the rounding radius: the
                    // eroded edge in output pixels, with a one-pixel ramp for anti-aliasing.
                    cutRows[o + x] = isSubject ? 1f : clamp01(2 * cutRows[o + x] - rounding);
                    subjectRows[o + x] = (above[x] + here[x] + below[x]) * (1f / 9f);
                }
                above = here;
                here = below;
            }
        }

        /** Subject pixels in each pixel of row {@code y} and its left and right neighbours (edges repeated). */
        private int[] rowSums(int y) {
            int[] sums = new int[width];
            int row = y * width;
            if (width == 1) {
                sums[0] = 3 * subject[row];
                return sums;
            }
            sums[0] = 2 * subject[row] + subject[row + 1];
            for (int x = 1; x < width - 1; x++) {
                sums[x] = subject[row + x - 1] + subject[row + x] + subject[row + x + 1];
            }
            sums[width - 1] = subject[row + width - 2] + 2 * subject[row + width - 1];
            return sums;
        }

        /** Output width and height. */
        public int width() {
            return width;
        }

        public int height() {
            return height;
        }
    }

    public static Shape cut(byte[] subject, int width, int height, Geometry geometry, Parallelism parallelism) {
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
        float[] lowCut = new float[inside.length];
        for (int i = 0; i < lowCut.length; i++) {
            lowCut[i] = clamp01(inside[i] - rounding / 2);
        }
        return new Shape(subject, width, height, inside, shadow(lowCut, lowWidth, lowHeight, geometry, parallelism),
                lowWidth, lowHeight, rounding);
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
     * The half-size cut, offset and blurred three times, left at half size: a soft shadow has no detail to lose
     * there.
     */
    private static float[] shadow(float[] lowCut, int lowWidth, int lowHeight, Geometry geometry,
                                  Parallelism parallelism) {
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
        return shifted;
    }

    private static float clamp01(float v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
