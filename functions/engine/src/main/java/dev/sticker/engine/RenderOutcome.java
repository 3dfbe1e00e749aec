package dev.sticker.engine;

/** What a render ends with: a sticker, or a reason the photo cannot become one. */
public sealed interface RenderOutcome {

    /** Both PNGs, at {@code width} x {@code height} (twice the requested size when upscaled). */
    record Rendered(Sticker sticker) implements RenderOutcome {
    }

    /**
     * The photo was refused. {@code type} is a fal-style error type such as {@code value_error.no_face},
     * {@code value_error.image_unreadable} or {@code value_error.image_too_large}; {@code message} is one short
     * sentence for the caller.
     */
    record Rejected(String type, String message) implements RenderOutcome {
    }
}
