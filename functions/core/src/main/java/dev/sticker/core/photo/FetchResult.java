package dev.sticker.core.photo;

import dev.sticker.core.request.Failure;
import dev.sticker.formats.ImageType;

/** A photo that was loaded and recognised, or why it could not be (always a 422 on image_url). */
public sealed interface FetchResult {

    record Fetched(byte[] bytes, ImageType type) implements FetchResult {
    }

    record Refused(Failure failure) implements FetchResult {
    }

    /** The failure fal reports for a bad image_url. */
    static Refused refused(String message) {
        return new Refused(Failure.invalidInput("image_url", "value_error.image_url", message));
    }
}
