package dev.sticker.engine.cut;

import dev.sticker.engine.image.GuidedFilter;
import dev.sticker.engine.image.Parallelism;
import dev.sticker.engine.image.RgbImage;
import dev.sticker.engine.image.Sampler;
import java.util.Arrays;

/**
 * Turns a coarse person probability into the crisp subject of the sticker at output resolution: refine its edges
 * along the photo's own edges, threshold, keep the region under the face, fill holes.
 */
public final class SubjectMask {

    public static final byte SUBJECT = 1;
    public static final byte BACKGROUND = 0;
    /** A grid cell of {@link #refine} whose answer depends on the luminance. */
    private static final byte UNDECIDED = 2;
    /** How clearly a cell must be on one side of one half to be decided: rounding cannot cross this. */
    private static final float DECIDED = 1e-3f;

    private SubjectMask() {
    }

    /** The grid step at which {@link #refine} works for a canvas of this size. */
    public static int refineFactor(int width, int height) {
        return Math.max(1, Math.min(width, height) / 256);
    }

    /**
     * Refines a coarse subject coverage along the portrait's own edges and thresholds it at one half. The fast
     * guided filter, with the portrait's luminance as guide: its linear coefficients are computed on the grid
     * {@code factor} times smaller on which {@code coarse} is given ({@code ceil(width / factor)} wide), then
     * upsampled and applied to the full-size luminance row by row, so no full-size plane of floats is made.
     * Returns {@link #SUBJECT} where the refined coverage is at least one half, {@link #BACKGROUND} elsewhere.
     *
     * <p>Away from the subject's edge the answer does not depend on the luminance: where every grid cell around a
     * pixel is at least one half (or below it) for both black and white, so is any blend of them, and the pixel is
     * decided without reading the portrait.
     */
    public static byte[] refine(RgbImage portrait, float[] coarse, int factor, Parallelism parallelism) {
        int width = portrait.width();
        int height = portrait.height();
        int[] pixels = portrait.pixels();
        int lowWidth = (width + factor - 1) / factor;
        int lowHeight = (height + factor - 1) / factor;
        float[] lowGuide = blockLuminance(pixels, width, height, factor, lowWidth, lowHeight);
        GuidedFilter.Coefficients c = GuidedFilter.coefficients(lowGuide, coarse, lowWidth, lowHeight, 4, 1e-3f,
                parallelism);
        byte[] cellAnswer = new byte[lowWidth * lowHeight];
        for (int i = 0; i < cellAnswer.length; i++) {
            float black = c.b()[i];
            float white = c.a()[i] + c.b()[i];
            cellAnswer[i] = black >= 0.5f + DECIDED && white >= 0.5f + DECIDED ? SUBJECT
                    : black < 0.5f - DECIDED && white < 0.5f - DECIDED ? BACKGROUND : UNDECIDED;
        }
        Sampler.Taps columns = Sampler.Taps.of(lowWidth, width);
        Sampler.Taps rows = Sampler.Taps.of(lowHeight, height);
        byte[] above = new byte[width * height];
        parallelism.forRows(height, (from, to) -> {
            float[] slopes = new float[lowWidth];
            float[] offsets = new float[lowWidth];
            Sampler.RowBlender blender = new Sampler.RowBlender(lowWidth);
            // For the pair of grid rows the output row lies between (the same for `factor` rows in a row), each
            // column's answer when its four cells agree, and the columns where they do not.
            byte[] agreed = new byte[width];
            int[] undecided = new int[width];
            int undecidedCount = 0;
            int pairTop = -1;
            int pairBottom = -1;
            for (int y = from; y < to; y++) {
                int top = rows.first()[y] * lowWidth;
                int bottom = rows.second()[y] * lowWidth;
                if (top != pairTop || bottom != pairBottom) {
                    undecidedCount = 0;
                    for (int x = 0; x < width; x++) {
                        int x0 = columns.first()[x];
                        int x1 = columns.second()[x];
                        byte answer = cellAnswer[top + x0];
                        boolean decided = answer != UNDECIDED && cellAnswer[top + x1] == answer
                                && cellAnswer[bottom + x0] == answer && cellAnswer[bottom + x1] == answer;
                        agreed[x] = decided ? answer : UNDECIDED;
                        if (!decided) {
                            undecided[undecidedCount++] = x;
                        }
                    }
                    pairTop = top;
                    pairBottom = bottom;
                }
                int row = y * width;
                System.arraycopy(agreed, 0, above, row, width);
                if (undecidedCount == 0) {
                    continue;
                }
                blender.blend(c.a(), top, bottom, rows.weight()[y], slopes);
                blender.blend(c.b(), top, bottom, rows.weight()[y], offsets);
                for (int u = 0; u < undecidedCount; u++) {
                    int x = undecided[u];
                    int x0 = columns.first()[x];
                    int x1 = columns.second()[x];
                    float ax = columns.weight()[x];
                    float slope = slopes[x0] + ax * (slopes[x1] - slopes[x0]);
                    float offset = offsets[x0] + ax * (offsets[x1] - offsets[x0]);
                    above[row + x] = slope * luminance(pixels[row + x]) + offset >= 0.5f ? SUBJECT : BACKGROUND;
                }
            }
        });
        return above;
    }

    /** Averages of the luminance over {@code factor x factor} blocks (blocks cut by the edge average what they have). */
    private static float[] blockLuminance(int[] pixels, int width, int height, int factor, int lowWidth,
                                          int lowHeight) {
        float[] low = new float[lowWidth * lowHeight];
        // Channel sums per block, red and blue together in one int (a block row of at most 16 pixels cannot carry
        // one 16-bit lane into the next); luminance with integer weights (per mille) from the exact sums.
        long[] red = new long[lowWidth];
        long[] green = new long[lowWidth];
        long[] blue = new long[lowWidth];
        for (int oy = 0; oy < lowHeight; oy++) {
            Arrays.fill(red, 0);
            Arrays.fill(green, 0);
            Arrays.fill(blue, 0);
            int y0 = oy * factor;
            int y1 = Math.min(height, y0 + factor);
            for (int y = y0; y < y1; y++) {
                int row = y * width;
                for (int ox = 0; ox < lowWidth; ox++) {
                    int end = row + Math.min(width, (ox + 1) * factor);
                    int redBlue = 0;
                    int greens = 0;
                    for (int i = row + ox * factor; i < end; i++) {
                        redBlue += pixels[i] & 0xFF00FF;
                        greens += pixels[i] & 0x00FF00;
                    }
                    red[ox] += redBlue >>> 16;
                    green[ox] += greens >>> 8;
                    blue[ox] += redBlue & 0xFFFF;
                }
            }
            for (int ox = 0; ox < lowWidth; ox++) {
                int columns = Math.min(width, (ox + 1) * factor) - ox * factor;
                long weighted = 299 * red[ox] + 587 * green[ox] + 114 * blue[ox];
                low[oy * lowWidth + ox] = (float) (weighted / (255_000.0 * columns * (y1 - y0)));
            }
        }
        return low;
    }

    /** ITU-R BT.601 luminance of a packed RGB pixel, in [0, 1]. */
    private static float luminance(int p) {
        return (0.299f * ((p >> 16) & 255) + 0.587f * ((p >> 8) & 255) + 0.114f * (p & 255)) * (1f / 255f);
    }

    /**
     * Thresholds {@code probability} at one half, then {@link #regionOf} the result. All background when nothing is
     * above the threshold.
     */
    public static byte[] regionAt(float[] probability, int width, int height, int seedX, int seedY) {
        int n = width * height;
        byte[] above = new byte[n];
        for (int i = 0; i < n; i++) {
            above[i] = probability[i] >= 0.5f ? SUBJECT : BACKGROUND;
        }
        return regionOf(above, width, height, seedX, seedY);
    }

    /**
     * Of a {@link #SUBJECT}/{@link #BACKGROUND} mask, the 4-connected subject region containing
     * {@code (seedX, seedY)} (or the region nearest to it), holes filled. All background when there is no subject.
     */
    public static byte[] regionOf(byte[] mask, int width, int height, int seedX, int seedY) {
        int seed = nearestSubject(mask, width, height, seedX, seedY);
        if (seed < 0) {
            return new byte[width * height];
        }
        return RunRegions.regionWithHolesFilled(mask, width, height, seed);
    }

    /** The index of the subject pixel nearest to the seed (the seed itself when it is subject), or -1. */
    private static int nearestSubject(byte[] mask, int width, int height, int seedX, int seedY) {
        int sx = Math.min(Math.max(seedX, 0), width - 1);
        int sy = Math.min(Math.max(seedY, 0), height - 1);
        if (mask[sy * width + sx] == SUBJECT) {
            return sy * width + sx;
        }
        int best = -1;
        long bestDistance = Long.MAX_VALUE;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (mask[y * width + x] == SUBJECT) {
                    long dx = x - sx;
                    long dy = y - sy;
                    long distance = dx * dx + dy * dy;
                    if (distance < bestDistance) {
                        bestDistance = distance;
                        best = y * width + x;
                    }
                }
            }
        }
        return best;
    }
}
