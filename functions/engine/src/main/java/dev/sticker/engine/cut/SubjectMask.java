package dev.sticker.engine.cut;

import dev.sticker.engine.image.GuidedFilter;
import dev.sticker.engine.image.Parallelism;
import dev.sticker.engine.image.Sampler;
import java.util.Arrays;

/**
 * Turns a coarse person probability into the crisp subject of the sticker at output resolution: refine its edges
 * along the photo's own edges, threshold, keep the region under the face, fill holes.
 */
public final class SubjectMask {

    public static final byte SUBJECT = 1;
    public static final byte BACKGROUND = 0;

    private SubjectMask() {
    }

    /** The grid step at which {@link #refine} works for a canvas of this size. */
    public static int refineFactor(int width, int height) {
        return Math.max(1, Math.min(width, height) / 256);
    }

    /**
     * Refines a coarse subject coverage using the full-resolution luminance {@code guide}. The guided filter runs on
     * a grid {@code factor} times smaller (where {@code coarse} is given, {@code ceil(width / factor)} wide) and its
     * linear coefficients are upsampled (the "fast guided filter"), which keeps edges at full resolution for a
     * fraction of the cost.
     */
    public static float[] refine(float[] guide, float[] coarse, int width, int height, int factor,
                                 Parallelism parallelism) {
        int lowWidth = (width + factor - 1) / factor;
        int lowHeight = (height + factor - 1) / factor;
        float[] lowGuide = Sampler.shrink(guide, width, height, factor);
        GuidedFilter.Coefficients c = GuidedFilter.coefficients(lowGuide, coarse, lowWidth, lowHeight, 4, 1e-3f,
                parallelism);
        return GuidedFilter.applyUpsampled(c, lowWidth, lowHeight, guide, width, height, parallelism);
    }

    /**
     * Thresholds {@code probability} at one half, keeps the 4-connected region containing {@code (seedX, seedY)}
     * (or the region nearest to it) and fills its holes. Returns a mask of {@link #SUBJECT}/{@link #BACKGROUND},
     * all background when nothing is above the threshold.
     */
    public static byte[] regionAt(float[] probability, int width, int height, int seedX, int seedY) {
        int n = width * height;
        byte[] above = new byte[n];
        for (int i = 0; i < n; i++) {
            above[i] = probability[i] >= 0.5f ? SUBJECT : BACKGROUND;
        }
        int seed = nearestSubject(above, width, height, seedX, seedY);
        byte[] region = new byte[n];
        if (seed < 0) {
            return region;
        }
        flood(above, SUBJECT, region, width, height, new int[] {seed});
        fillHoles(region, width, height);
        return region;
    }

    /** Marks as subject every background pixel not connected to the image border. */
    public static void fillHoles(byte[] mask, int width, int height) {
        int n = width * height;
        byte[] outside = new byte[n];
        int[] border = new int[2 * (width + height)];
        int count = 0;
        for (int x = 0; x < width; x++) {
            border[count++] = x;
            border[count++] = (height - 1) * width + x;
        }
        for (int y = 0; y < height; y++) {
            border[count++] = y * width;
            border[count++] = y * width + width - 1;
        }
        int[] seeds = new int[count];
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (mask[border[i]] == BACKGROUND) {
                seeds[kept++] = border[i];
            }
        }
        flood(mask, BACKGROUND, outside, width, height, Arrays.copyOf(seeds, kept));
        for (int i = 0; i < n; i++) {
            mask[i] = outside[i] == SUBJECT ? BACKGROUND : SUBJECT;
        }
    }

    /**
     * Marks in {@code reached} every pixel with value {@code value} 4-connected to a seed. A scanline fill: each
     * popped seed grows into the whole horizontal span it lies in, and the rows above and below get one seed per
     * run of pixels still to fill along that span, so a pixel is visited a few times at most, in memory order.
     */
    private static void flood(byte[] mask, byte value, byte[] reached, int width, int height, int[] seeds) {
        Seeds stack = new Seeds(seeds);
        while (stack.size > 0) {
            int p = stack.pop();
            if (mask[p] != value || reached[p] != 0) {
                continue;
            }
            int row = p - p % width;
            int left = p;
            while (left > row && mask[left - 1] == value && reached[left - 1] == 0) {
                left--;
            }
            int right = p;
            while (right < row + width - 1 && mask[right + 1] == value && reached[right + 1] == 0) {
                right++;
            }
            for (int i = left; i <= right; i++) {
                reached[i] = SUBJECT;
            }
            if (row > 0) {
                stack.pushRuns(mask, value, reached, left - width, right - width);
            }
            if (row + width < width * height) {
                stack.pushRuns(mask, value, reached, left + width, right + width);
            }
        }
    }

    /** The flood's pending seeds. */
    private static final class Seeds {
        private int[] items;
        private int size;

        Seeds(int[] initial) {
            items = Arrays.copyOf(initial, Math.max(16, initial.length));
            size = initial.length;
        }

        int pop() {
            return items[--size];
        }

        /** One seed for each run of pixels in {@code [from, to]} still to fill. */
        void pushRuns(byte[] mask, byte value, byte[] reached, int from, int to) {
            boolean inRun = false;
            for (int i = from; i <= to; i++) {
                boolean open = mask[i] == value && reached[i] == 0;
                if (open && !inRun) {
                    if (size == items.length) {
                        items = Arrays.copyOf(items, 2 * items.length);
                    }
                    items[size++] = i;
                }
                inRun = open;
            }
        }
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
