package dev.sticker.core.input;

import java.util.List;

/**
 * One field of the Input schema, declared once: {@link InputSchema} validates with it and the OpenAPI document
 * publishes it, so the bounds, defaults and descriptions a client reads are the ones the API enforces.
 *
 * @param defaultValue the value an absent field takes (a String, Long, Double or Boolean), null when there is none
 * @param minimum      the smallest number, or the shortest string, accepted; null when unbounded
 * @param maximum      the largest number, or the longest string, accepted; null when unbounded
 * @param examples     values shown to people (the seed's example first)
 */
public record InputField(String name, Type type, boolean required, Object defaultValue, Number minimum,
                         Number maximum, String description, List<Object> examples) {

    /** What a field holds, and so which check applies. */
    public enum Type {
        /** an http(s) URL or a {@code data:image/...;base64,} URI */
        IMAGE_URL,
        STRING,
        INTEGER,
        NUMBER,
        BOOLEAN,
        /** a preset name of {@link ImageSize} or {@code {width, height}} */
        IMAGE_SIZE
    }

    public InputField {
        examples = List.copyOf(examples);
    }

    static InputField imageUrl(String name, String description, String example) {
        return new InputField(name, Type.IMAGE_URL, true, null, null, null, description, List.of(example));
    }

    static InputField text(String name, boolean required, String defaultValue, int minLength, int maxLength,
                           String description, List<Object> examples) {
        return new InputField(name, Type.STRING, required, defaultValue, minLength, maxLength, description, examples);
    }

    static InputField integer(String name, Long defaultValue, long minimum, long maximum, String description) {
        return new InputField(name, Type.INTEGER, false, defaultValue, minimum, maximum, description, List.of());
    }

    static InputField number(String name, double defaultValue, double minimum, double maximum, String description) {
        return new InputField(name, Type.NUMBER, false, defaultValue, minimum, maximum, description, List.of());
    }

    static InputField bool(String name, boolean defaultValue, String description) {
        return new InputField(name, Type.BOOLEAN, false, defaultValue, null, null, description, List.of());
    }

    static InputField imageSize(String name, ImageSize defaultValue, String description) {
        return new InputField(name, Type.IMAGE_SIZE, false, defaultValue.preset(), null, null, description,
                List.of());
    }

    long minimumLong() {
        return minimum.longValue();
    }

    long maximumLong() {
        return maximum.longValue();
    }

    /** The default of an integer field; 0 for one without a default (the caller then checks presence first). */
    long defaultLong() {
        return defaultValue == null ? 0 : ((Number) defaultValue).longValue();
    }

    double defaultDouble() {
        return ((Number) defaultValue).doubleValue();
    }

    boolean defaultBoolean() {
        return (Boolean) defaultValue;
    }
}
