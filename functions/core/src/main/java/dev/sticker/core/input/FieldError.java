package dev.sticker.core.input;

import java.util.List;

/**
 * One problem with a submitted input, in the shape fal (FastAPI/pydantic) reports it.
 *
 * @param loc  where: "body" then the field path, e.g. ["body", "image_size", "width"]
 * @param msg  human-readable reason
 * @param type machine-readable kind, e.g. missing, int_type, less_than_equal, url_scheme
 */
public record FieldError(List<String> loc, String msg, String type) {

    public FieldError {
        loc = List.copyOf(loc);
    }

    public static FieldError at(String field, String msg, String type) {
        return new FieldError(List.of("body", field), msg, type);
    }
}
