package dev.sticker.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.input.ParsedInput;
import dev.sticker.core.wire.Json;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The input of a dropped photo, read through {@link InputSchema} like any submitted body: from a sidecar
 * {@code incoming/<name>.json} holding the Input JSON, else from the object's metadata ({@code x-amz-meta-prompt},
 * {@code x-amz-meta-image-size}: {@code -} in a name stands for {@code _}, values are text). The photo itself is
 * always the image_url; one given in the sidecar or metadata is replaced.
 */
public final class DroppedPhotoInput {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final String IMAGE_URL = "image_url";

    private DroppedPhotoInput() {
    }

    public static ParsedInput fromSidecar(String sidecar, String imageUrl) {
        JsonNode root;
        try {
            root = JSON.readTree(sidecar);
        } catch (JsonProcessingException e) {
            return InputSchema.parse(sidecar);
        }
        if (!(root instanceof ObjectNode fields)) {
            return InputSchema.parse(sidecar);
        }
        fields.put(IMAGE_URL, imageUrl);
        return InputSchema.parse(fields);
    }

    /** @param metadata user metadata names as S3 returns them: lower case, without {@code x-amz-meta-} */
    public static ParsedInput fromMetadata(Map<String, String> metadata, String imageUrl) {
        Map<String, String> fields = new LinkedHashMap<>();
        metadata.forEach((name, value) -> fields.put(name.toLowerCase(Locale.ROOT).replace('-', '_'), value));
        fields.put(IMAGE_URL, imageUrl);
        return InputSchema.parseText(fields);
    }
}
