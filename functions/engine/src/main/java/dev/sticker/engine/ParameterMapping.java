package dev.sticker.engine;

import dev.sticker.engine.cut.DieCut;
import dev.sticker.engine.prompt.PromptStyle;
import dev.sticker.engine.style.Palette;
import dev.sticker.engine.style.StyleSettings;

/** How the diffusion-model parameters of the API map onto the CPU engine's analogues (see the engine README). */
final class ParameterMapping {

    static final int MAX_SMOOTHING_PASSES = 4;
    static final int MAX_SHARPEN_PASSES = 3;
    private static final double DEFAULT_GUIDANCE = 4.5;

    private ParameterMapping() {
    }

    static StyleSettings style(StickerParams params, PromptStyle prompt, Palette palette) {
        double strength = clamp(params.guidanceScale() / DEFAULT_GUIDANCE, 0.2, 2.5, 1.0);
        int passes = (int) Math.max(1, Math.min(MAX_SMOOTHING_PASSES, Math.round(params.numInferenceSteps() / 10.0)));
        double smoothing = 0.008 * strength * strength;
        int bands = (int) Math.max(3, Math.min(12, Math.round(7 - 2 * (strength - 1)) + prompt.bands()));
        double banding = clamp(0.55 + 0.3 * (strength - 1), 0.15, 0.95, 0.55);
        double detail = 0.45 * clamp(params.instantIdStrength(), 0, 1, 0.7);
        double saturation = clamp(prompt.saturation() * (1 + 0.15 * (strength - 1)), 0, 2.5, 1.0);
        double ink = clamp(0.8 * prompt.ink() * Math.sqrt(strength), 0, 1, 0.8);
        double grain = 0.012 * clamp(params.ipAdapterNoise(), 0, 1, 0.5);
        double jitter = clamp(params.ipAdapterWeight(), 0, 1, 0.2);
        int sharpen = params.upscale() ? Math.max(0, Math.min(MAX_SHARPEN_PASSES, (params.upscaleSteps() + 3) / 4)) : 0;
        return new StyleSettings(passes, smoothing, bands, banding, detail, saturation, prompt.lift(),
                prompt.warmth(), ink, grain, jitter, sharpen, palette);
    }

    /** Border about 3.5% of the shorter side, varied by the seed; shadow offset along a seeded angle. */
    static DieCut.Geometry cutGeometry(int width, int height, Palette palette) {
        double side = Math.min(width, height);
        float border = (float) (0.035 * side * palette.borderScale());
        double offset = 0.014 * side;
        int dx = (int) Math.round(Math.cos(palette.shadowAngle()) * offset);
        int dy = (int) Math.round(Math.sin(palette.shadowAngle()) * offset);
        int blur = (int) Math.max(1, Math.round(0.008 * side));
        return new DieCut.Geometry(border, border * 0.6f, dx, dy, blur);
    }

    /** The space kept free around the subject so the border and shadow fit inside the canvas. */
    static double margin(DieCut.Geometry geometry, int width, int height) {
        return geometry.border() + Math.max(Math.abs(geometry.shadowOffsetX()), Math.abs(geometry.shadowOffsetY()))
                + 3.0 * geometry.shadowBlur() + 0.02 * Math.min(width, height);
    }

    private static double clamp(double value, double min, double max, double fallback) {
        if (Double.isNaN(value)) {
            return fallback;
        }
        return Math.max(min, Math.min(max, value));
    }
}
