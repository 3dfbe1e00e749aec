package dev.sticker.core.request;

/**
 * Why a request ended without a result. {@code httpStatus} is what the result call answers with: 422 for an input
 * problem (then {@code field} names it, e.g. image_url, and {@code type} is fal's error type such as
 * value_error.no_face), 500 for anything else (field and type null).
 */
public record Failure(int httpStatus, String field, String type, String message) {

    public static Failure invalidInput(String field, String type, String message) {
        return new Failure(422, field, type, message);
    }

    public static Failure internal(String message) {
        return new Failure(500, null, null, message);
    }

    public static Failure cancelled() {
        return new Failure(400, null, null, "Request cancelled");
    }
}
