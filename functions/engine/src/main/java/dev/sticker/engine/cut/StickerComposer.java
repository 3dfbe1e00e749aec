package dev.sticker.engine.cut;

import dev.sticker.engine.image.BoxBlur;
import dev.sticker.engine.image.Parallelism;

/** Lays artwork, border and shadow into the two outputs: the sticker on a light background, and the cut-out. */
public final class StickerComposer {

    private static final float SHADOW_OPACITY = 0.38f;
    private static final int SHADOW_COLOR = 0x1E1E28;

    private StickerComposer() {
    }

    /**
     * Rows {@code [y0, y1)} of both outputs into arrays of {@code (y1 - y0) * width}: the packed {@code 0xRRGGBB}
     * sticker (artwork, border, shadow on the background) and the {@code 0xAARRGGBB} cut-out (fully transparent
     * outside the cut). Pixels depend only on their own inputs, so rows can be composed in any order and again.
     */
    public static void composeRows(int[] artwork, DieCut.Shape shape, int borderColor, int background,
                                   boolean shadow, int y0, int y1, int[] sticker, int[] cutout) {
        int width = shape.width();
        int n = (y1 - y0) * width;
        float[] subject = new float[n];
        float[] cut = new float[n];
        float[] shade = new float[n];
        shape.rows(y0, y1, subject, cut, shade);
        int offset = y0 * width;
        for (int i = 0; i < n; i++) {
            float coverage = cut[i];
            float inside = subject[i];
            int color = mix(borderColor, artwork[offset + i], inside < coverage ? inside : coverage);
            if (coverage >= 1) {
                // the cut covers the background entirely: no need to work out the ground under it
                sticker[i] = color;
                cutout[i] = 0xFF000000 | color;
                continue;
            }
            int ground = shadow ? mix(background, SHADOW_COLOR, SHADOW_OPACITY * shade[i]) : background;
            sticker[i] = mix(ground, color, coverage);
            int alpha = (int) (coverage * 255f + 0.5f);
            cutout[i] = alpha == 0 ? 0 : alpha << 24 | color;
        }
    }

    /**
     * Blurs the colour channels of packed pixels heavily (radius a twentieth of the shorter side, three passes),
     * keeping any alpha: what the safety checker shows instead of a flagged image.
     */
    public static void obscure(int[] pixels, int width, int height, Parallelism parallelism) {
        int radius = Math.max(2, Math.min(width, height) / 20);
        float[][] planes = new float[3][pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            planes[0][i] = (pixels[i] >> 16) & 255;
            planes[1][i] = (pixels[i] >> 8) & 255;
            planes[2][i] = pixels[i] & 255;
        }
        for (float[] plane : planes) {
            BoxBlur.blurInPlace(plane, width, height, radius, 3, parallelism);
        }
        for (int i = 0; i < pixels.length; i++) {
            int alpha = pixels[i] & 0xFF000000;
            pixels[i] = alpha | Math.round(planes[0][i]) << 16 | Math.round(planes[1][i]) << 8 | Math.round(planes[2][i]);
        }
    }

    private static int mix(int from, int to, float amount) {
        if (amount <= 0) {
            return from & 0xFFFFFF;
        }
        if (amount >= 1) {
            return to & 0xFFFFFF;
        }
        int r = (int) (((from >> 16) & 255) + amount * (((to >> 16) & 255) - ((from >> 16) & 255)) + 0.5f);
        int g = (int) (((from >> 8) & 255) + amount * (((to >> 8) & 255) - ((from >> 8) & 255)) + 0.5f);
        int b = (int) ((from & 255) + amount * ((to & 255) - (from & 255)) + 0.5f);
        return r << 16 | g << 8 | b;
    }
}
