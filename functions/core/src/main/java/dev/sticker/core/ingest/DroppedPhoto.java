package dev.sticker.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.wire.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * One object-created event of the drop box, as S3 reported it.
 *
 * @param key       the object key, decoded
 * @param eTag      the ETag of the version the event is about (no quotes)
 * @param sequencer S3's order of events for the key; the same event delivered twice carries the same one
 * @param size      bytes, as the event reports them
 */
public record DroppedPhoto(String bucket, String key, String eTag, String sequencer, long size) {

    private static final ObjectMapper JSON = Json.MAPPER;

    public DroppedPhoto {
        eTag = eTag == null ? "" : eTag.replace("\"", "");
        sequencer = sequencer == null ? "" : sequencer;
    }

    /** The request this event becomes: the same for every delivery of the event, different for any other put. */
    public String requestId() {
        String identity = bucket + "\n" + key + "\n" + eTag + "\n" + sequencer;
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public Optional<String> name() {
        return DropKeys.photoName(key);
    }

    /** What is kept beside the request's input (the size is not needed again). */
    public byte[] toJson() {
        return JSON.createObjectNode().put("bucket", bucket).put("key", key).put("etag", eTag)
                .put("sequencer", sequencer).toString().getBytes(StandardCharsets.UTF_8);
    }

    public static DroppedPhoto fromJson(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            return new DroppedPhoto(node.path("bucket").asText(), node.path("key").asText(),
                    node.path("etag").asText(), node.path("sequencer").asText(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable drop record", e);
        }
    }
}
