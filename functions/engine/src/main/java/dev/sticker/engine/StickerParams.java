package dev.sticker.engine;

/**
 * Everything the engine is told about one render. The caller always picks the seed, so it can be recorded and
 * returned even when the caller chose it at random.
 */
public record StickerParams(
        String prompt,
        String negativePrompt,
        int numInferenceSteps,
        double guidanceScale,
        double instantIdStrength,
        double ipAdapterWeight,
        double ipAdapterNoise,
        int width,
        int height,
        boolean upscale,
        int upscaleSteps,
        long seed,
        boolean enableSafetyChecker) {
}
