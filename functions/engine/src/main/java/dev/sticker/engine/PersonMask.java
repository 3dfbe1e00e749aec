package dev.sticker.engine;

import java.awt.image.BufferedImage;

/** Person probability for a crop: {@link Framing#MASK_SIDE} squared values in [0, 1], row-major. */
@FunctionalInterface
interface PersonMask {
    float[] segment(BufferedImage crop);
}
