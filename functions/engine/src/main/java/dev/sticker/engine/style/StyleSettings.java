package dev.sticker.engine.style;

/**
 * How strongly and in which way to stylise, already resolved from the request parameters and the prompt.
 *
 * @param smoothingPasses edge-preserving smoothing passes (1..4)
 * @param smoothing       smoothing strength: the guided filter's regularisation, larger flattens more
 * @param bands           number of luminance bands
 * @param banding         how far luminance is pulled onto its band, 0..1
 * @param detail          fraction of the photo's fine detail put back after smoothing, 0..1
 * @param saturation      chroma multiplier
 * @param lift            lightness added toward white
 * @param warmth          red-blue balance shift
 * @param ink             ink-line strength, 0..1
 * @param grain           amplitude of seeded fine texture
 * @param jitter          amplitude of seeded low-frequency colour wandering
 * @param sharpenPasses   detail passes after the 2x upscale (0 when not upscaling)
 * @param palette         the seeded palette variation
 */
public record StyleSettings(
        int smoothingPasses,
        double smoothing,
        int bands,
        double banding,
        double detail,
        double saturation,
        double lift,
        double warmth,
        double ink,
        double grain,
        double jitter,
        int sharpenPasses,
        Palette palette) {
}
