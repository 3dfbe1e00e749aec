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
        float[] inkRgb = unpack(palette.inkColor());
        float[] shadowTint = palette.shadowTint();
        float[] highlightTint = palette.highlightTint();
        float[] redPlane = smooth[0];
        float[] greenPlane = smooth[1];
        float[] bluePlane = smooth[2];
        int[] firstColumn = columns.first();
        int[] secondColumn = columns.second();
        float[] columnWeight = columns.weight();
        float inkRed = inkRgb[0];
        float inkGreen = inkRgb[1];
        float inkBlue = inkRgb[2];
        long seed = palette.seed();
        float inkStrength = (float) settings.ink();
        // Upsampled separably: each output row first blends its two half-size rows, then each pixel its two columns.
        float[] rowRed = new float[lowWidth];
        float[] rowGreen = new float[lowWidth];
        float[] rowBlue = new float[lowWidth];
        float[] rowWide = new float[lowWidth];
        // The row is shaded in three short loops through full-width buffers rather than one long one: each pixel's
        // chain of dependent arithmetic is long, and short loops let the processor overlap many pixels.
        float[] smoothRed = new float[width];
        float[] smoothGreen = new float[width];
        float[] smoothBlue = new float[width];
        float[] lineRow = new float[width];
        float[] luminanceRow = new float[width];
        float[] bandedRow = new float[width];
        for (int y = from; y < to; y++) {
            int top = rows.first()[y] * lowWidth;
            int bottom = rows.second()[y] * lowWidth;
            float ay = rows.weight()[y];
            Sampler.blendRows(redPlane, top, bottom, ay, rowRed);
            Sampler.blendRows(greenPlane, top, bottom, ay, rowGreen);
            Sampler.blendRows(bluePlane, top, bottom, ay, rowBlue);
            Sampler.blendRows(wide, top, bottom, ay, rowWide);
            for (int x = 0; x < width; x++) {
                int x0 = firstColumn[x];
                int x1 = secondColumn[x];
                float ax = columnWeight[x];
                float lowRed = lerp(rowRed[x0], rowRed[x1], ax);
                float lowGreen = lerp(rowGreen[x0], rowGreen[x1], ax);
                float lowBlue = lerp(rowBlue[x0], rowBlue[x1], ax);
                float l = 0.299f * lowRed + 0.587f * lowGreen + 0.114f * lowBlue;
                float darker = lerp(rowWide[x0], rowWide[x1], ax) - l;
                float inkRamp = (darker - INK_THRESHOLD) * (1f / INK_RAMP);
                smoothRed[x] = lowRed;
                smoothGreen[x] = lowGreen;
                smoothBlue[x] = lowBlue;
                luminanceRow[x] = l;
                lineRow[x] = inkStrength * (inkRamp <= 0 ? 0 : inkRamp >= 1 ? 1 : inkRamp);
            }
            for (int x = 0; x < width; x++) {
                float l = luminanceRow[x];
                bandedRow[x] = l + banding * (band(l, bands, phase) - l);
            }
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                float lowRed = smoothRed[x];
                float lowGreen = smoothGreen[x];
                float lowBlue = smoothBlue[x];
                float banded = bandedRow[x];
                float line = lineRow[x];
                float shift = banded - luminanceRow[x];
                int p = photo[i];
                float r = lowRed + shift + detail * (((p >> 16) & 255) * INVERSE_255 - lowRed);
                float g = lowGreen + shift + detail * (((p >> 8) & 255) * INVERSE_255 - lowGreen);
                float bl = lowBlue + shift + detail * ((p & 255) * INVERSE_255 - lowBlue);
                float dark = 1 - banded;
                float shadowWeight = 0.07f * dark * dark;
                float highlightWeight = 0.04f * banded;
                float noise = grain == 0 ? 0 : grain * hashNoise(seed, i);
                float red = matrix[0] * r + matrix[1] * g + matrix[2] * bl
                        + shadowWeight * shadowTint[0] + highlightWeight * highlightTint[0] + noise;
                float green = matrix[3] * r + matrix[4] * g + matrix[5] * bl
                        + shadowWeight * shadowTint[1] + highlightWeight * highlightTint[1] + noise;
                float blue = matrix[6] * r + matrix[7] * g + matrix[8] * bl
                        + shadowWeight * shadowTint[2] + highlightWeight * highlightTint[2] + noise;
                red += lift * (1 - red) + warmth;
                green += lift * (1 - green);
                blue += lift * (1 - blue) - warmth;
                out[i] = toByte(red + line * (inkRed - red)) << 16 | toByte(green + line * (inkGreen - green)) << 8
                        | toByte(blue + line * (inkBlue - blue));
            }
        }
    }

    private static float lerp(float from, float to, float amount) {
        return from + amount * (to - from);
    }

    /** Soft quantisation: flat inside each band, a short linear ramp into the next. */
    static float band(float luminance, float bands, float phase) {
        final float ramp = 0.18f;
        float t = luminance * bands + phase;
        float base = t >= 0 ? (int) t : (float) Math.floor(t);
        float fraction = t - base;
        // max(0, min(1, ramped)) without branches (Math.abs is a single instruction): near band edges the branches
        // of a comparison would be taken at random, and Math.min/max must also order -0.0 and NaN.
        float ramped = (fraction - (1 - ramp)) * (1f / ramp);
        float atMostOne = 0.5f * (ramped + 1 - Math.abs(ramped - 1));
        float step = 0.5f * (atMostOne + Math.abs(atMostOne));
        return (base + step + (1 - ramp) / 2 - phase) * (1f / bands);
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
     * channels, which sharpens edges without shifting hues and costs one plane instead of three.
     */
    private static void sharpen(RgbImage image, float amount, Parallelism parallelism) {
        int width = image.width();
        int height = image.height();
        int[] pixels = image.pixels();
        float[] luminance = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            luminance[i] = 0.299f * ((p >> 16) & 255) + 0.587f * ((p >> 8) & 255) + 0.114f * (p & 255);
        }
        float[] blurred = new float[pixels.length];
        BoxBlur.blur(luminance, blurred, new float[pixels.length], width, height, 1, parallelism);
        parallelism.forRows(height, (from, to) -> {
            for (int i = from * width; i < to * width; i++) {
                int detail = Math.round(amount * (luminance[i] - blurred[i]));
                int p = pixels[i];
                pixels[i] = clampByte(((p >> 16) & 255) + detail) << 16 | clampByte(((p >> 8) & 255) + detail) << 8
                        | clampByte((p & 255) + detail);
            }
        });
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
        for (int y = 0; y < height; y++) {
            float gy = (float) y / height * (grid - 1);
            int y0 = Math.min((int) gy, grid - 2);
            float ay = gy - y0;
            for (int x = 0; x < width; x++) {
                float gx = (float) x / width * (grid - 1);
                int x0 = Math.min((int) gx, grid - 2);
                float ax = gx - x0;
                int a = (y0 * grid + x0) * 3;
                int c = a + grid * 3;
                for (int k = 0; k < 3; k++) {
                    float top = field[a + k] + ax * (field[a + 3 + k] - field[a + k]);
                    float bottom = field[c + k] + ax * (field[c + 3 + k] - field[c + k]);
                    planes[k][y * width + x] += amount * (top + ay * (bottom - top));
                }
            }
        }
    }

    /** Deterministic per-pixel noise in [-1, 1] from the seed and the pixel index (independent of thread order). */
    private static float hashNoise(long seed, int index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return ((z >>> 40) / (float) (1 << 24)) * 2 - 1;
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

    private static int toByte(float v) {
        int value = (int) (v * 255f + 0.5f);
        return value < 0 ? 0 : Math.min(value, 255);
    }
}
