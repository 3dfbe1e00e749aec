package dev.sticker.engine.style;

import dev.sticker.engine.image.Parallelism;
import dev.sticker.engine.image.RgbImage;

/**
 * Turns the framed photo into the sticker's artwork. The CPU engine flattens it into a cartoon; other backends
 * (a diffusion model on a GPU) replace this step and keep the rest of the pipeline.
 */
public interface Stylizer {

    /** Returns the artwork, the same size as {@code portrait}; must depend only on its arguments. */
    RgbImage stylize(RgbImage portrait, StyleSettings settings, Parallelism parallelism);
}
