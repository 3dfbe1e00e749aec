package dev.sticker.core.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.input.ParsedInput;
import dev.sticker.core.input.StickerInput;
import dev.sticker.core.photo.ResultImages.ImageSource;
import dev.sticker.core.port.GeneratedSticker;
import dev.sticker.core.request.Failure;
import dev.sticker.core.wire.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The remote-worker protocol (docs/remote-backend.md), both sides in one place: the job the {@code http} backend
 * posts, the callback a worker posts back, and the signature both carry. Header {@value #SIGNATURE_HEADER}:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}, keyed with the per-deployment secret over {@code t + "." + raw body};
 * accepted within ±{@code 300} s of now and compared in constant time.
 */
public final class RemoteWorkerProtocol {

    public static final String SIGNATURE_HEADER = "X-Sticker-Signature";
    public static final Duration TOLERANCE = Duration.ofSeconds(300);
    private static final String ALGORITHM = "HmacSHA256";
    private static final ObjectMapper JSON = Json.MAPPER;

    /** The result of checking a signature header. */
    public enum Check { VALID, MISSING, MALFORMED, STALE, MISMATCH }

    /** A job: the request, its input with every default and the seed filled in, and where to post the result. */
    public record Job(String requestId, StickerInput input, String callbackUrl) {
    }

    /** What a worker posted back. */
    public sealed interface Callback {

        /** Both images (inline or by URL) and what came with them. */
        record Result(ImageSource sticker, ImageSource backgroundRemoved, long seed, boolean stickerNsfw,
                      boolean backgroundRemovedNsfw) implements Callback {
        }

        /** The worker could not make a sticker; a 422 is the input's fault (image_url), anything else the worker's. */
        record Error(Failure failure) implements Callback {
        }

        /** Not a body of this protocol. */
        record Unreadable(String problem) implements Callback {
        }
    }

    private final byte[] secret;

    public RemoteWorkerProtocol(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the callback secret must not be empty");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The signature header value for {@code body} at {@code now}. */
    public String sign(String body, Instant now) {
        long timestamp = now.getEpochSecond();
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac(timestamp, body));
    }

    public Check verify(String header, String body, Instant now) {
        if (header == null || header.isBlank()) {
            return Check.MISSING;
        }
        Long timestamp = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length != 2) {
                return Check.MALFORMED;
            }
            try {
                if (pair[0].equals("t")) {
                    timestamp = Long.parseLong(pair[1]);
                } else if (pair[0].equals("v1")) {
                    given = HexFormat.of().parseHex(pair[1]);
                }
            } catch (IllegalArgumentException e) {
                return Check.MALFORMED;
            }
        }
        if (timestamp == null || given == null) {
            return Check.MALFORMED;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
            return Check.STALE;
        }
        return MessageDigest.isEqual(mac(timestamp, body), given) ? Check.VALID : Check.MISMATCH;
    }

    /** {@code {request_id, input, callback_url}}. */
    public static String jobJson(Job job) {
        ObjectNode body = JSON.createObjectNode();
        body.put("request_id", job.requestId());
        body.set("input", InputSchema.toJsonNode(job.input()));
        body.put("callback_url", job.callbackUrl());
        return body.toString();
    }

    /** The job a body holds, or empty when it is not one (a field missing, the input not valid). */
    public static Optional<Job> job(String body) {
        JsonNode job = parse(body);
        String requestId = job.path("request_id").asText("");
        String callbackUrl = job.path("callback_url").asText("");
        if (requestId.isEmpty() || callbackUrl.isEmpty() || !job.path("input").isObject()) {
            return Optional.empty();
        }
        return InputSchema.parse(job.get("input")) instanceof ParsedInput.Valid valid
                ? Optional.of(new Job(requestId, valid.input(), callbackUrl)) : Optional.empty();
    }

    /** A successful callback with both images inline. */
    public static String resultJson(GeneratedSticker sticker) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode images = body.putObject("images");
        images.putObject("sticker_image").put("data", Base64.getEncoder().encodeToString(sticker.stickerPng()));
        images.putObject("sticker_image_background_removed")
                .put("data", Base64.getEncoder().encodeToString(sticker.backgroundRemovedPng()));
        body.put("seed", sticker.seed());
        body.putObject("has_nsfw_concepts")
                .put("sticker_image", sticker.stickerNsfw())
                .put("sticker_image_background_removed", sticker.backgroundRemovedNsfw());
        return body.toString();
    }

    /** A failed callback: {@code {"error": {status, type, message}}}. */
    public static String errorJson(int status, String type, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("status", status).put("type", type).put("message", message);
        return body.toString();
    }

    /** What a callback body says. */
    public static Callback callback(String body) {
        JsonNode root = parse(body);
        if (!root.isObject()) {
            return new Callback.Unreadable("body is not a JSON object");
        }
        if (root.hasNonNull("error")) {
            JsonNode error = root.get("error");
            String message = error.path("message").asText("generation failed");
            return new Callback.Error(error.path("status").asInt(500) == 422
                    ? Failure.invalidInput("image_url", error.path("type").asText("value_error"), message)
                    : Failure.internal(message));
        }
        JsonNode images = root.path("images");
        Optional<ImageSource> sticker = image(images.path("sticker_image"), "sticker_image");
        Optional<ImageSource> removed = image(images.path("sticker_image_background_removed"),
                "sticker_image_background_removed");
        if (sticker.isEmpty() || removed.isEmpty()) {
            return new Callback.Unreadable("images.sticker_image and images.sticker_image_background_removed each "
                    + "need data (base64) or url");
        }
        if (!root.path("seed").canConvertToLong()) {
            return new Callback.Unreadable("seed is missing or not an integer");
        }
        JsonNode nsfw = root.path("has_nsfw_concepts");
        return new Callback.Result(sticker.get(), removed.get(), root.get("seed").longValue(),
                nsfw.path("sticker_image").asBoolean(false),
                nsfw.path("sticker_image_background_removed").asBoolean(false));
    }

    private static Optional<ImageSource> image(JsonNode image, String name) {
        if (image.path("data").isTextual()) {
            try {
                return Optional.of(ImageSource.inline(name, Base64.getDecoder().decode(image.get("data").textValue())));
            } catch (IllegalArgumentException notBase64) {
                return Optional.empty();
            }
        }
        return image.path("url").isTextual() ? Optional.of(ImageSource.at(name, image.get("url").textValue()))
                : Optional.empty();
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode root = body == null || body.isBlank() ? null : JSON.readTree(body);
            return root == null ? JSON.missingNode() : root;
        } catch (JsonProcessingException notJson) {
            return JSON.missingNode();
        }
    }

    private byte[] mac(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
