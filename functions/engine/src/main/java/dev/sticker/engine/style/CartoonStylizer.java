package dev.sticker.engine.style;

import dev.sticker.engine.image.BoxBlur;
import dev.sticker.engine.image.GuidedFilter;
import dev.sticker.engine.image.Parallelism;
import dev.sticker.engine.image.RgbImage;
import dev.sticker.engine.image.Sampler;

/**
 * A flat-shaded cartoon look on the CPU: guided-filter smoothing at half resolution (edge-preserving), luminance
 * banding with soft band edges, a seeded palette turn and tints, difference-of-boxes ink lines, and optional
 * unsharp detail passes for upscaled output. Every pixel depends only on the inputs and the seed.
 */
public final class CartoonStylizer implements Stylizer {

    private static final float INVERSE_255 = 1f / 255f;
    private static final float INK_THRESHOLD = 0.018f;
    private static final float INK_RAMP = 0.03f;
    /** Rows per block of the sharpening pass. */
    private static final int SHARPEN_ROWS = 32;

    @Override
    public RgbImage stylize(RgbImage portrait, StyleSettings settings, Parallelism parallelism) {
        int width = portrait.width();
        int height = portrait.height();
        int lowWidth = (width + 1) / 2;
        int lowHeight = (height + 1) / 2;
        float[][] smooth = smoothHalf(portrait, settings, parallelism);
        float[] wide = wideLuminance(smooth, lowWidth, lowHeight, parallelism);
        int[] out = new int[width * height];
        float[] matrix = colorMatrix(settings.saturation(), settings.palette().hueTurn());
        Sampler.Taps columns = Sampler.Taps.of(lowWidth, width);
        Sampler.Taps rows = Sampler.Taps.of(lowHeight, height);
        addJitter(smooth, lowWidth, lowHeight, settings);
        parallelism.forRows(height, (from, to) -> shadeRows(portrait, smooth, wide, lowWidth, columns, rows, matrix,
                settings, out, from, to));
        RgbImage shaded = new RgbImage(width, height, out);
        for (int pass = 0; pass < settings.sharpenPasses(); pass++) {
            sharpen(shaded, 0.45f, parallelism);
        }
        return shaded;
    }

    /**
     * Guided smoothing of each channel at half resolution, guided by luminance (the fast guided filter: its
     * coefficients come from a quarter-size grid).
     */
    private static float[][] smoothHalf(RgbImage portrait, StyleSettings settings, Parallelism parallelism) {
        float[][] low = Sampler.halfPlanes(portrait);
        int lowWidth = (portrait.width() + 1) / 2;
        int lowHeight = (portrait.height() + 1) / 2;
        int radius = Math.max(2, Math.min(lowWidth, lowHeight) / 128);
        float epsilon = (float) settings.smoothing();
        for (int pass = 0; pass < settings.smoothingPasses(); pass++) {
            float[] guide = luminance(low[0], low[1], low[2]);
            low = GuidedFilter.filterChannelsFast(guide, low, lowWidth, lowHeight, radius, epsilon, parallelism);
        }
        return low;
    }

    /**
     * Shades rows {@code [from, to)}. The smooth colour, its luminance and the wide-blurred luminance are all
     * bilinear upsamplings of half-size planes, interpolated here rather than stored at full size (luminance is
     * linear in colour, so interpolating colour and taking its luminance is exact).
     *
     * <p>Each row goes through several short loops over row buffers. The colour arithmetic is written so that
     * every loop reads each buffer once per pixel, one output channel at a time: the JIT (C2 of Java 17) vectorises
     * such loops, and not one where a value feeds several products, as a colour matrix applied in one loop does.
     * Gathering the upsampled columns, banding, unpacking the photo and packing the result stay scalar.
     */
    private void shadeRows(RgbImage portrait, float[][] smooth, float[] wide, int lowWidth, Sampler.Taps columns,
                           Sampler.Taps rows, float[] matrix, StyleSettings settings, int[] out, int from, int to) {
        int width = portrait.width();
        int[] photo = portrait.pixels();
        Palette palette = settings.palette();
        float bands = settings.bands();
        float phase = (float) palette.bandPhase();
        float banding = (float) settings.banding();
        float detail = (float) settings.detail();
        float lift = (float) settings.lift();
        float warmth = (float) settings.warmth();
        float grain = (float) settings.grain();
        float inkStrength = (float) settings.ink();
        int seed = Long.hashCode(palette.seed() * 0x9E3779B97F4A7C15L);
        float[] ink = unpack(palette.inkColor());
        // lifting towards white, then warming: c + lift * (1 - c) + warmth = c * (1 - lift) + (lift + warmth)
        float keepAfterLift = 1 - lift;
        float[] addAfterLift = {lift + warmth, lift, lift - warmth};
        int[] firstColumn = columns.first();
        int[] secondColumn = columns.second();
        float[] columnWeight = columns.weight();
        // Upsampled separably: each output row first blends its two half-size rows, then each pixel its two columns.
        float[][] lowRows = new float[3][lowWidth];
        Sampler.RowBlender blender = new Sampler.RowBlender(lowWidth);
        float[] lowWide = new float[lowWidth];
        float[][] smoothRows = new float[3][width];
        float[] luminanceRow = new float[width];
        float[] lineRow = new float[width];
        float[] keepRow = new float[width];
        float[] wideRow = new float[width];
        Sampler.Doubler doubled = new Sampler.Doubler(lowWidth);
        float[] shiftRow = new float[width];
        float[] bandRow = new float[width];
        float[] levelRow = new float[width];
        float[] shadowRow = new float[width];
        float[] highlightRow = new float[width];
        float[] noiseRow = new float[width];
        int[] hashRow = new int[width];
        // column numbers as data: C2 does not vectorise a loop that uses its counter as a value
        int[] columnIndex = new int[width];
        for (int x = 0; x < width; x++) {
            columnIndex[x] = x;
        }
        float[][] adjusted = new float[3][width];
        float[][] shaded = new float[3][width];
        for (int y = from; y < to; y++) {
            int top = rows.first()[y] * lowWidth;
            int bottom = rows.second()[y] * lowWidth;
            float ay = rows.weight()[y];
            for (int c = 0; c < 3; c++) {
                blender.blend(smooth[c], top, bottom, ay, lowRows[c]);
            }
            blender.blend(wide, top, bottom, ay, lowWide);
            if (width == 2 * lowWidth) {
                for (int c = 0; c < 3; c++) {
                    doubled.widen(lowRows[c], smoothRows[c]);
                }
                doubled.widen(lowWide, wideRow);
            } else {
                for (int c = 0; c < 3; c++) {
                    widen(lowRows[c], firstColumn, secondColumn, columnWeight, smoothRows[c]);
                }
                widen(lowWide, firstColumn, secondColumn, columnWeight, wideRow);
            }
            float[] smoothRed = smoothRows[0];
            float[] smoothGreen = smoothRows[1];
            float[] smoothBlue = smoothRows[2];
            for (int x = 0; x < width; x++) {
                luminanceRow[x] = 0.299f * smoothRed[x] + 0.587f * smoothGreen[x] + 0.114f * smoothBlue[x];
            }
            for (int x = 0; x < width; x++) {
                float inkRamp = (wideRow[x] - luminanceRow[x] - INK_THRESHOLD) * (1f / INK_RAMP);
                float line = inkStrength * Math.max(0f, Math.min(inkRamp, 1f));
                lineRow[x] = line;
                keepRow[x] = 1 - line;
            }
            band(luminanceRow, bands, phase, bandRow, levelRow);
            for (int x = 0; x < width; x++) {
                float l = luminanceRow[x];
                bandRow[x] = l + banding * (bandRow[x] - l);
            }
            for (int x = 0; x < width; x++) {
                shiftRow[x] = bandRow[x] - luminanceRow[x];
            }
            for (int x = 0; x < width; x++) {
                float dark = 1 - bandRow[x];
                shadowRow[x] = 0.07f * dark * dark;
            }
            for (int x = 0; x < width; x++) {
                highlightRow[x] = 0.04f * bandRow[x];
            }
            int rowStart = y * width;
            noise(seed, rowStart, columnIndex, hashRow);
            for (int x = 0; x < width; x++) {
                int p = photo[rowStart + x];
                adjusted[0][x] = ((p >> 16) & 255) * INVERSE_255;
                adjusted[1][x] = ((p >> 8) & 255) * INVERSE_255;
                adjusted[2][x] = (p & 255) * INVERSE_255;
                noiseRow[x] = grain * ((hashRow[x] >>> 8) * (1f / (1 << 23)) - 1f);
            }
            // the smooth colour, shifted to its band, plus some of the photo's own detail
            for (int c = 0; c < 3; c++) {
                float[] smoothChannel = smoothRows[c];
                float[] channel = adjusted[c];
                for (int x = 0; x < width; x++) {
                    float low = smoothChannel[x];
                    channel[x] = low + shiftRow[x] + detail * (channel[x] - low);
                }
            }
            // per output channel: palette turn and saturation, tints, grain, lift and warmth, then ink
            float[] adjustedRed = adjusted[0];
            float[] adjustedGreen = adjusted[1];
            float[] adjustedBlue = adjusted[2];
            for (int c = 0; c < 3; c++) {
                float fromRed = matrix[3 * c];
                float fromGreen = matrix[3 * c + 1];
                float fromBlue = matrix[3 * c + 2];
                float shadowTint = palette.shadowTint()[c];
                float highlightTint = palette.highlightTint()[c];
                float added = addAfterLift[c];
                float inkChannel = ink[c];
                float[] channel = shaded[c];
                // two loops: with more arrays and factors than these, C2 gives up vectorising
                for (int x = 0; x < width; x++) {
                    channel[x] = fromRed * adjustedRed[x] + fromGreen * adjustedGreen[x] + fromBlue * adjustedBlue[x]
                            + noiseRow[x];
                }
                for (int x = 0; x < width; x++) {
                    float tinted = channel[x] + shadowRow[x] * shadowTint + highlightRow[x] * highlightTint;
                    channel[x] = (tinted * keepAfterLift + added) * keepRow[x] + lineRow[x] * inkChannel;
                }
                // to 0..255.5, so packing only truncates (float min and max vectorise, conversions do not)
                for (int x = 0; x < width; x++) {
                    channel[x] = Math.max(0f, Math.min(channel[x] * 255f + 0.5f, 255.5f));
                }
            }
            float[] red = shaded[0];
            float[] green = shaded[1];
            float[] blue = shaded[2];
            for (int x = 0; x < width; x++) {
                out[rowStart + x] = (int) red[x] << 16 | (int) green[x] << 8 | (int) blue[x];
            }
        }
    }

    /** A half-size row upsampled to {@code out}'s width through the columns' taps. */
    private static void widen(float[] low, int[] first, int[] second, float[] weight, float[] out) {
        for (int x = 0; x < out.length; x++) {
            float from = low[first[x]];
            out[x] = from + weight[x] * (low[second[x]] - from);
        }
    }


    /**
     * Soft quantisation of a row of luminances (clamped to [0, 1]) into {@code out}: flat inside each band, a short
     * linear ramp into the next. With {@code t = luminance * bands + phase}, the band's index plus the ramp's
     * progress is the sum over k of the ramp from band k to band k + 1, each clamped to [0, 1]; computed that way,
     * one pass per band, it needs no floor (a conversion C2 does not vectorise) and the passes vectorise.
     */
    static void band(float[] luminance, float bands, float phase, float[] out, float[] level) {
        final float ramp = 0.18f;
        int width = luminance.length;
        for (int x = 0; x < width; x++) {
            level[x] = Math.max(0f, Math.min(luminance[x], 1f)) * bands + phase;
            out[x] = 0;
        }
        int lastBand = (int) (bands + phase);
        for (int k = 0; k <= lastBand; k++) {
            float start = k + (1 - ramp);
            for (int x = 0; x < width; x++) {
                // max(0, min(1, ramped)) with Math.abs: vectorises, and Math.min/max must also order -0.0 and NaN
                float ramped = (level[x] - start) * (1f / ramp);
                float atMostOne = 0.5f * (ramped + 1 - Math.abs(ramped - 1));
                out[x] += 0.5f * (atMostOne + Math.abs(atMostOne));
            }
        }
        for (int x = 0; x < width; x++) {
            out[x] = (out[x] + (1 - ramp) / 2 - phase) * (1f / bands);
        }
    }

    /**
     * The half-size luminance blurred wide (two box passes, approximately Gaussian). Ink goes where the smooth
     * luminance is darker than this by more than {@link #INK_THRESHOLD}: a thresholded difference of Gaussians.
     */
    private static float[] wideLuminance(float[][] smooth, int lowWidth, int lowHeight, Parallelism parallelism) {
        float[] wide = luminance(smooth[0], smooth[1], smooth[2]);
        int radius = Math.max(1, Math.min(lowWidth, lowHeight) / 170);
        BoxBlur.blurInPlace(wide, lowWidth, lowHeight, radius, 2, parallelism);
        return wide;
    }

    /**
     * One unsharp-mask pass on luminance (a 3x3 box as the blur): the luminance detail is added to all three
     * channels, which sharpens edges without shifting hues and costs one plane instead of three. Row by row, from
     * three rows of luminance, so no full-size plane is needed: the pass runs on upscaled, 4-megapixel canvases.
     * Rows are taken in fixed blocks; the original luminance of the rows just above and below each block is saved
     * before any block changes its pixels, so the result does not depend on the order blocks run in.
     */
    private static void sharpen(RgbImage image, float amount, Parallelism parallelism) {
        int width = image.width();
        int height = image.height();
        int[] pixels = image.pixels();
        int blocks = (height + SHARPEN_ROWS - 1) / SHARPEN_ROWS;
        float[][] aboveBlock = new float[blocks][];
        float[][] belowBlock = new float[blocks][];
        for (int b = 0; b < blocks; b++) {
            aboveBlock[b] = boxRow(pixels, width, Math.max(0, b * SHARPEN_ROWS - 1));
            belowBlock[b] = boxRow(pixels, width, Math.min(height - 1, (b + 1) * SHARPEN_ROWS));
        }
        parallelism.forRange(height, SHARPEN_ROWS, (from, to) -> {
            float[] above = aboveBlock[from / SHARPEN_ROWS];
            float[] here = boxRow(pixels, width, from);
            for (int y = from; y < to; y++) {
                // the row below a block belongs to the next one, which may already have changed it
                float[] below = y + 1 == to ? belowBlock[from / SHARPEN_ROWS]
                        : boxRow(pixels, width, Math.min(height - 1, y + 1));
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    int p = pixels[row + x];
                    float luminance = 0.299f * ((p >> 16) & 255) + 0.587f * ((p >> 8) & 255) + 0.114f * (p & 255);
                    float blurred = (above[x] + here[x] + below[x]) * (1f / 9f);
                    int detail = Math.round(amount * (luminance - blurred));
                    pixels[row + x] = clampByte(((p >> 16) & 255) + detail) << 16
                            | clampByte(((p >> 8) & 255) + detail) << 8 | clampByte((p & 255) + detail);
                }
                above = here;
                here = below;
            }
        });
    }

    /** The luminance of row {@code y} summed over each pixel and its left and right neighbours (edges repeated). */
    private static float[] boxRow(int[] pixels, int width, int y) {
        float[] luminance = new float[width];
        int row = y * width;
        for (int x = 0; x < width; x++) {
            int p = pixels[row + x];
            luminance[x] = 0.299f * ((p >> 16) & 255) + 0.587f * ((p >> 8) & 255) + 0.114f * (p & 255);
        }
        float[] sums = new float[width];
        for (int x = 0; x < width; x++) {
            sums[x] = luminance[Math.max(0, x - 1)] + luminance[x] + luminance[Math.min(width - 1, x + 1)];
        }
        return sums;
    }

    private static int clampByte(int value) {
        return value < 0 ? 0 : Math.min(value, 255);
    }

    /** Saturation applied after a hue rotation about the grey axis (the SVG colour-matrix definitions). */
    static float[] colorMatrix(double saturation, double hueTurn) {
        double c = Math.cos(hueTurn);
        double s = Math.sin(hueTurn);
        double[] hue = {
            0.213 + c * 0.787 - s * 0.213, 0.715 - c * 0.715 - s * 0.715, 0.072 - c * 0.072 + s * 0.928,
            0.213 - c * 0.213 + s * 0.143, 0.715 + c * 0.285 + s * 0.140, 0.072 - c * 0.072 - s * 0.283,
            0.213 - c * 0.213 - s * 0.787, 0.715 - c * 0.715 + s * 0.715, 0.072 + c * 0.928 + s * 0.072};
        double v = saturation;
        double[] sat = {
            0.213 + 0.787 * v, 0.715 - 0.715 * v, 0.072 - 0.072 * v,
            0.213 - 0.213 * v, 0.715 + 0.285 * v, 0.072 - 0.072 * v,
            0.213 - 0.213 * v, 0.715 - 0.715 * v, 0.072 + 0.928 * v};
        float[] product = new float[9];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                double sum = 0;
                for (int k = 0; k < 3; k++) {
                    sum += sat[row * 3 + k] * hue[k * 3 + col];
                }
                product[row * 3 + col] = (float) sum;
            }
        }
        return product;
    }

    /**
     * Adds the palette's low-frequency colour wandering (its jitter grid, bilinearly interpolated) to the half-size
     * planes; being smooth, it survives their upsampling unchanged.
     */
    private static void addJitter(float[][] planes, int width, int height, StyleSettings settings) {
        float amount = (float) (0.12 * settings.jitter());
        if (amount == 0) {
            return;
        }
        float[] field = settings.palette().jitterField();
        int grid = Palette.JITTER_GRID;
        // Each grid row interpolated across the image's columns once (the horizontal half of the bilinear
        // interpolation); every image row then blends two of them.
        float[][][] across = new float[grid][3][width];
        for (int x = 0; x < width; x++) {
            float gx = (float) x / width * (grid - 1);
            int x0 = Math.min((int) gx, grid - 2);
            float ax = gx - x0;
            for (int gy = 0; gy < grid; gy++) {
                int a = (gy * grid + x0) * 3;
                for (int k = 0; k < 3; k++) {
                    across[gy][k][x] = field[a + k] + ax * (field[a + 3 + k] - field[a + k]);
                }
            }
        }
        float[] blended = new float[width];
        for (int y = 0; y < height; y++) {
            float gy = (float) y / height * (grid - 1);
            int y0 = Math.min((int) gy, grid - 2);
            float ay = gy - y0;
            for (int k = 0; k < 3; k++) {
                float[] top = across[y0][k];
                float[] bottom = across[y0 + 1][k];
                for (int x = 0; x < width; x++) {
                    blended[x] = top[x] + ay * (bottom[x] - top[x]);
                }
                float[] plane = planes[k];
                int row = y * width;
                for (int x = 0; x < width; x++) {
                    plane[row + x] += amount * blended[x];
                }
            }
        }
    }

    /**
     * Deterministic per-pixel hashes from the seed and the pixel index (independent of thread order), for the grain:
     * a 32-bit integer hash (lowbias32) of the indices {@code rowStart + columns[x]}, written to {@code out}; its top
     * 24 bits become noise in [-1, 1). Integer multiplies and shifts over arrays vectorise.
     */
    private static void noise(int seed, int rowStart, int[] columns, int[] out) {
        for (int x = 0; x < out.length; x++) {
            int z = (rowStart + columns[x]) * 0x9E3779B9 + seed;
            z ^= z >>> 16;
            z *= 0x7FEB352D;
            z ^= z >>> 15;
            z *= 0x846CA68B;
            out[x] = z ^ z >>> 16;
        }
    }

    private static float[] luminance(float[] r, float[] g, float[] b) {
        float[] l = new float[r.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = 0.299f * r[i] + 0.587f * g[i] + 0.114f * b[i];
        }
        return l;
    }

    private static float[] unpack(int rgb) {
        return new float[] {((rgb >> 16) & 255) / 255f, ((rgb >> 8) & 255) / 255f, (rgb & 255) / 255f};
    }
}
