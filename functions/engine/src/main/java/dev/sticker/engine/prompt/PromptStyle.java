package dev.sticker.engine.prompt;

import java.util.List;
import java.util.Optional;

/**
 * What the prompt asks of the CPU stylizer, as multipliers and offsets around a neutral look.
 *
 * @param saturation  chroma multiplier (0 = monochrome)
 * @param lift        lightness added toward white (pastel)
 * @param warmth      positive warms (red/yellow), negative cools (blue)
 * @param ink         ink-line strength multiplier
 * @param bands       change to the number of colour bands (negative = flatter, comic)
 * @param borderColor die-cut border colour as {@code 0xRRGGBB}, when the prompt names one
 * @param shadow      whether the sticker casts a drop shadow
 * @param applied     the keywords that took effect, negated ones prefixed with {@code -}
 */
public record PromptStyle(
        double saturation,
        double lift,
        double warmth,
        double ink,
        int bands,
        Optional<Integer> borderColor,
        boolean shadow,
        List<String> applied) {

    public static final PromptStyle NEUTRAL = new PromptStyle(1.0, 0.0, 0.0, 1.0, 0, Optional.empty(), true, List.of());
}
