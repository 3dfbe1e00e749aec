package dev.sticker.core.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.photo.FetchResult;
import dev.sticker.core.photo.ImageFetcher;
import dev.sticker.core.photo.PngSize;
import dev.sticker.core.port.GeneratedSticker;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.remote.CallbackSignature;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.FalWire;
import dev.sticker.formats.ImageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Base64;
import java.util.Optional;

/**
 * Receives a remote worker's result (POST /webhooks/http/{id}): verify the signature, decode both PNGs (inline
 * base64, or a URL downloaded through the request-forgery guard), then complete through the same {@link Completion}
 * as the builtin path. A body that cannot be used ends the request with an error, so it never stays IN_PROGRESS.
 */
public final class CallbackService {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestStore store;
    private final Completion completion;
    private final ImageFetcher fetcher;
    private final CallbackSignature signature;
    private final Clock clock;

    public CallbackService(RequestStore store, Completion completion, ImageFetcher fetcher,
                           CallbackSignature signature, Clock clock) {
        this.store = store;
        this.completion = completion;
        this.fetcher = fetcher;
        this.signature = signature;
        this.clock = clock;
    }

    public ApiReply handle(String requestId, String rawBody, String signatureHeader) {
        CallbackSignature.Check check = signature.verify(signatureHeader, rawBody == null ? "" : rawBody,
                clock.instant());
        if (check != CallbackSignature.Check.VALID) {
            LOG.warn("callback refused requestId={} signature={}", requestId, check);
            return FalWire.error(401, "invalid signature (" + check.name().toLowerCase() + ")");
        }
        Optional<StickerRequest> found = store.find(requestId);
        if (found.isEmpty()) {
            return FalWire.notFound();
        }
        if (found.get().status() == Status.COMPLETED) {
            return statusReply(requestId, "ALREADY_COMPLETED");
        }
        JsonNode body;
        try {
            body = JSON.readTree(rawBody);
        } catch (JsonProcessingException e) {
            return unusable(requestId, "body is not JSON");
        }
        if (body == null || !body.isObject()) {
            return unusable(requestId, "body is not a JSON object");
        }
        if (body.hasNonNull("error")) {
            completion.fail(requestId, failureOf(body.get("error")));
            return statusReply(requestId, "COMPLETED");
        }
        Decoded decoded = decode(body);
        if (decoded.problem() != null) {
            return unusable(requestId, decoded.problem());
        }
        boolean completed = completion.complete(requestId, decoded.sticker());
        return statusReply(requestId, completed ? "COMPLETED" : "ALREADY_COMPLETED");
    }

    /** The decoded result or what is wrong with it (exactly one is set). */
    private record Decoded(GeneratedSticker sticker, String problem) {
    }

    /** One image of the result or what is wrong with it (exactly one is set). */
    private record Png(byte[] bytes, PngSize size, String problem) {
    }

    private Decoded decode(JsonNode body) {
        JsonNode images = body.path("images");
        Png sticker = png(images.path("sticker_image"), "sticker_image");
        Png removed = png(images.path("sticker_image_background_removed"), "sticker_image_background_removed");
        String problem = sticker.problem() != null ? sticker.problem() : removed.problem();
        if (problem == null && !sticker.size().equals(removed.size())) {
            problem = "the two images differ in size";
        }
        if (problem == null && !body.path("seed").canConvertToLong()) {
            problem = "seed is missing or not an integer";
        }
        if (problem != null) {
            return new Decoded(null, problem);
        }
        JsonNode nsfw = body.path("has_nsfw_concepts");
        return new Decoded(new GeneratedSticker(sticker.bytes(), removed.bytes(), sticker.size().width(),
                sticker.size().height(), body.get("seed").longValue(),
                nsfw.path("sticker_image").asBoolean(false),
                nsfw.path("sticker_image_background_removed").asBoolean(false)), null);
    }

    private Png png(JsonNode image, String name) {
        byte[] bytes;
        if (image.path("data").isTextual()) {
            try {
                bytes = Base64.getDecoder().decode(image.get("data").textValue());
            } catch (IllegalArgumentException e) {
                return new Png(null, null, name + ".data is not valid base64");
            }
        } else if (image.path("url").isTextual()) {
            FetchResult fetched = fetcher.fetch(image.get("url").textValue());
            if (fetched instanceof FetchResult.Refused refused) {
                return new Png(null, null, name + ".url: " + refused.failure().message());
            }
            bytes = ((FetchResult.Fetched) fetched).bytes();
        } else {
            return new Png(null, null, name + " needs data or url");
        }
        Optional<PngSize> size = PngSize.of(bytes);
        return size.map(s -> new Png(bytes, s, null)).orElseGet(() -> new Png(null, null,
                name + " is not a PNG (got " + ImageType.sniff(bytes).map(ImageType::mimeType)
                        .orElse(ImageType.describeNonImage(bytes)) + ")"));
    }

    private static Failure failureOf(JsonNode error) {
        String message = error.path("message").asText("generation failed");
        if (error.path("status").asInt(500) == 422) {
            return Failure.invalidInput("image_url", error.path("type").asText("value_error"), message);
        }
        return Failure.internal(message);
    }

    private ApiReply unusable(String requestId, String problem) {
        LOG.warn("unusable callback requestId={} problem={}", requestId, problem);
        completion.fail(requestId, Failure.internal("remote worker returned an unusable result"));
        return FalWire.error(400, problem);
    }

    private static ApiReply statusReply(String requestId, String status) {
        return ApiReply.json(200, JSON.createObjectNode().put("status", status).toString(), requestId);
    }
}
