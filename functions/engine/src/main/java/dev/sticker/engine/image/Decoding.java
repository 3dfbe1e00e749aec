package dev.sticker.engine.image;

import dev.sticker.formats.ImageType;

/** The outcome of decoding photo bytes: an upright RGB image, or why there is none. */
public sealed interface Decoding {

    /**
     * The decoded, upright image (possibly subsampled; {@code sourceWidth}/{@code sourceHeight} are the stored
     * dimensions before orientation and subsampling).
     */
    record Decoded(RgbImage image, ImageType format, int sourceWidth, int sourceHeight, int orientation)
            implements Decoding {

        /** The photo's own pixels per pixel of {@link #image()}: the source subsampling step (1 when none). */
        public double sourcePixelsPerPixel() {
            return (double) Math.max(sourceWidth, sourceHeight) / Math.max(image.width(), image.height());
        }
    }

    /** The bytes cannot become a photo to render. */
    record Refused(Reason reason, String message) implements Decoding {
    }

    enum Reason {
        UNREADABLE,
        TOO_LARGE,
        TOO_SMALL
    }
}
