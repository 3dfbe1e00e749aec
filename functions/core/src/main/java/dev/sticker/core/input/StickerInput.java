package dev.sticker.core.input;

/**
 * Every field of fal's face-to-sticker Input schema, typed, with defaults applied. Built only by {@link InputSchema}.
 *
 * @param imageUrl the photo: an http(s) URL or a data:image/...;base64 URI
 * @param seed     null when the caller left it out: the worker then draws one and reports it
 */
public record StickerInput(
        String imageUrl,
        String prompt,
        String negativePrompt,
        int numInferenceSteps,
        double guidanceScale,
        double instantIdStrength,
        double ipAdapterWeight,
        double ipAdapterNoise,
        ImageSize imageSize,
        boolean upscale,
        int upscaleSteps,
        Long seed,
        boolean enableSafetyChecker) {

    public StickerInput withImageUrl(String url) {
        return new StickerInput(url, prompt, negativePrompt, numInferenceSteps, guidanceScale, instantIdStrength,
                ipAdapterWeight, ipAdapterNoise, imageSize, upscale, upscaleSteps, seed, enableSafetyChecker);
    }

    public StickerInput withSeed(long newSeed) {
        return new StickerInput(imageUrl, prompt, negativePrompt, numInferenceSteps, guidanceScale, instantIdStrength,
                ipAdapterWeight, ipAdapterNoise, imageSize, upscale, upscaleSteps, newSeed, enableSafetyChecker);
    }

    public boolean hasDataUri() {
        return imageUrl.regionMatches(true, 0, "data:", 0, 5);
    }
}
