package dev.sticker.core.wire;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The functions' one JSON mapper, with Jackson's defaults. Shared because a mapper is thread-safe once configured and
 * each one builds and caches its own (de)serializers: one mapper costs a cold start less than a dozen.
 */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
