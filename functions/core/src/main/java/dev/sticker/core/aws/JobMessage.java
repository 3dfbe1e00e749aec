package dev.sticker.core.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.wire.Json;

import java.util.Optional;

/** The body of a job message, {@code {"request_id": "..."}}: the request itself stays in the store. */
public final class JobMessage {

    private static final ObjectMapper JSON = Json.MAPPER;

    private JobMessage() {
    }

    public static String body(String requestId) {
        return JSON.createObjectNode().put("request_id", requestId).toString();
    }

    /** The request id in a message body, or empty when the body is not a job message. */
    public static Optional<String> requestId(String body) {
        try {
            JsonNode id = JSON.readTree(body == null ? "" : body).path("request_id");
            return id.isTextual() && !id.asText().isBlank() ? Optional.of(id.asText()) : Optional.empty();
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }
}
