package dev.sticker.engine;

import dev.sticker.engine.image.RgbImage;

/** Person probability for a crop: {@link Framing#MASK_SIDE} squared values in [0, 1], row-major. */
@FunctionalInterface
interface PersonMask {
    float[] segment(RgbImage crop);
}
