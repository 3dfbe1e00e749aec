package dev.sticker.core.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.input.FieldError;
import dev.sticker.core.port.RequestStore.CancelOutcome;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.LogLine;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.StickerResult;
import dev.sticker.core.request.StoredImage;
import dev.sticker.core.webhook.SigningKey;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Every JSON shape of fal's queue API, in one place. Handlers only pass the {@link ApiReply} on. */
public final class FalWire {

    private static final ObjectMapper JSON = Json.MAPPER;

    private FalWire() {
    }

    /** 200 to a submit: the request id, its queue position and where to poll. */
    public static ApiReply submitted(StickerRequest request, long queuePosition, ApiUrls urls) {
        ObjectNode body = JSON.createObjectNode();
        body.put("request_id", request.id());
        body.put("status", Status.IN_QUEUE.name());
        body.put("queue_position", queuePosition);
        addUrls(body, request.id(), urls);
        return ApiReply.json(200, body.toString(), request.id());
    }

    /** 202 while queued or running, 200 once COMPLETED; logs only when asked for. */
    public static ApiReply status(StickerRequest request, long queuePosition, boolean withLogs, ApiUrls urls) {
        List<LogLine> logs = withLogs && request.logs() != null ? request.logs() : List.of();
        int code = request.status() == Status.COMPLETED ? 200 : 202;
        return ApiReply.json(code, statusBody(request, queuePosition, logs, urls).toString(), request.id());
    }

    /** A status as the status call answers it, with the given log lines (all of them, or only new ones). */
    public static ObjectNode statusBody(StickerRequest request, long queuePosition, List<LogLine> logLines,
                                        ApiUrls urls) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", request.status().name());
        body.put("request_id", request.id());
        if (request.status() == Status.IN_QUEUE) {
            body.put("queue_position", queuePosition);
        }
        addUrls(body, request.id(), urls);
        ArrayNode logs = body.putArray("logs");
        logLines.forEach(line -> logs.add(logLine(line)));
        if (request.status() == Status.COMPLETED) {
            ObjectNode metrics = body.putObject("metrics");
            if (request.startedAt() != null && request.completedAt() != null) {
                metrics.put("inference_time",
                        Duration.between(request.startedAt(), request.completedAt()).toMillis() / 1000.0);
            } else {
                metrics.putNull("inference_time");
            }
        }
        return body;
    }

    /** One server-sent event carrying a JSON document. */
    public static String event(ObjectNode data) {
        return "data: " + data + "\n\n";
    }

    /** A server-sent comment line, which keeps idle connections and proxies from timing out. */
    public static String keepAlive() {
        return ": keep-alive\n\n";
    }

    /** 200 with a text/event-stream body gathered in full (API Gateway buffers Lambda answers). */
    public static ApiReply eventStream(String events, String requestId) {
        return new ApiReply(200, Map.of("Content-Type", "text/event-stream", "Cache-Control", "no-cache",
                ApiReply.REQUEST_ID_HEADER, requestId), events);
    }

    /** The result call: the Output, the failure it ended with, or 400 while not yet COMPLETED. */
    public static ApiReply result(StickerRequest request, ApiUrls urls) {
        if (request.status() != Status.COMPLETED) {
            return ApiReply.json(400, detail("Request is still in progress"), request.id());
        }
        if (request.result() != null) {
            return ApiReply.json(200, output(request.result(), urls).toString(), request.id());
        }
        Failure failure = request.failure() != null ? request.failure() : Failure.internal("Request failed");
        return failure(failure, request.id());
    }

    /** fal's Output schema for a result. */
    public static ObjectNode output(StickerResult result, ApiUrls urls) {
        return output(result, image -> urls.fileUrl(image.key()));
    }

    /** fal's Output schema for a result whose images are published elsewhere: {@code url} names each one. */
    public static ObjectNode output(StickerResult result, Function<StoredImage, String> url) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode sticker = image(result.sticker(), url);
        ObjectNode removed = image(result.backgroundRemoved(), url);
        body.putArray("images").add(sticker).add(removed);
        body.set("sticker_image", sticker.deepCopy());
        body.set("sticker_image_background_removed", removed.deepCopy());
        body.put("seed", result.seed());
        body.putObject("has_nsfw_concepts")
                .put("sticker_image", result.stickerNsfw())
                .put("sticker_image_background_removed", result.backgroundRemovedNsfw());
        return body;
    }

    /** The status and body a failed request answers its result call with. Never a stack trace. */
    public static ApiReply failure(Failure failure, String requestId) {
        String body = failure.field() != null
                ? validationBody(List.of(FieldError.at(failure.field(), failure.message(), failure.type())))
                : detail(failure.message());
        return ApiReply.json(failure.httpStatus(), body, requestId);
    }

    /** 422 listing every bad field of a submitted input. */
    public static ApiReply validationFailed(List<FieldError> errors) {
        return ApiReply.json(422, validationBody(errors));
    }

    public static ApiReply notFound() {
        return ApiReply.json(404, detail("Request not found"));
    }

    /** 413 for an inline data URI over the limit. */
    public static ApiReply payloadTooLarge(long limitBytes) {
        return ApiReply.json(413, detail("image_url data URI is larger than " + limitBytes
                + " bytes; use the storage upload (POST /storage/upload/initiate) and pass its URL instead"));
    }

    /** Answers to a cancel: 202 while queued or running, 400 once completed, 404 for an unknown id. */
    public static ApiReply cancel(CancelOutcome outcome, String requestId) {
        ObjectNode body = JSON.createObjectNode().put("status", outcome.name());
        return switch (outcome) {
            case CANCELLATION_REQUESTED -> ApiReply.json(202, body.toString(), requestId);
            case ALREADY_COMPLETED -> ApiReply.json(400, body.toString(), requestId);
            case NOT_FOUND -> ApiReply.json(404, body.toString());
        };
    }

    /** 200 to a storage upload initiate: where to PUT the bytes and the durable URL of the file. */
    public static ApiReply uploadInitiated(String uploadUrl, String fileUrl) {
        return ApiReply.json(200, JSON.createObjectNode().put("upload_url", uploadUrl).put("file_url", fileUrl)
                .toString());
    }

    /**
     * fal's webhook body: status OK with the result call's Output, or ERROR with the error body the result call
     * answers and its message; when the payload cannot be built, payload is null and payload_error says why.
     */
    public static String webhook(StickerRequest request, ApiUrls urls) {
        ObjectNode body = JSON.createObjectNode();
        body.put("request_id", request.id());
        body.put("gateway_request_id", request.id());
        body.put("status", request.result() != null ? "OK" : "ERROR");
        String payloadError = null;
        try {
            body.set("payload", JSON.readTree(result(request, urls).body()));
        } catch (IOException | RuntimeException e) {
            body.putNull("payload");
            payloadError = "the result could not be serialised: " + e.getClass().getSimpleName();
        }
        if (request.result() != null) {
            body.putNull("error");
        } else {
            body.put("error", request.failure() != null ? request.failure().message() : "Request failed");
        }
        if (payloadError != null) {
            body.put("payload_error", payloadError);
        }
        return body.toString();
    }

    /** The public webhook keys as a JWKS document; they change only when the key is rotated, so caches may keep it. */
    public static ApiReply jwks(List<SigningKey> keys) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("keys");
        for (SigningKey key : keys) {
            list.addObject()
                    .put("kty", "OKP")
                    .put("crv", "Ed25519")
                    .put("x", SigningKey.base64Url(key.publicKey()))
                    .put("kid", key.keyId())
                    .put("use", "sig")
                    .put("alg", "EdDSA");
        }
        return ApiReply.json(200, body.toString()).withHeader("Cache-Control", "public, max-age=3600");
    }

    /**
     * 403 in fal's words when an account may not start new work: {@code User is locked. Reason: <reason>.} with what
     * to do about it.
     */
    public static ApiReply locked(String reason) {
        String advice = "Exhausted balance".equals(reason) ? "Top up your balance to continue."
                : "Please contact the operator of this API.";
        return error(403, "User is locked. Reason: " + reason + ". " + advice);
    }

    /** Any other error: {@code {"detail": message}}. */
    public static ApiReply error(int status, String message) {
        return ApiReply.json(status, detail(message));
    }

    public static String detail(String message) {
        return JSON.createObjectNode().put("detail", message).toString();
    }

    public static String validationBody(List<FieldError> errors) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode detail = body.putArray("detail");
        for (FieldError error : errors) {
            ObjectNode item = detail.addObject();
            ArrayNode loc = item.putArray("loc");
            error.loc().forEach(loc::add);
            item.put("msg", error.msg());
            item.put("type", error.type());
        }
        return body.toString();
    }

    public static ObjectNode logLine(LogLine line) {
        return JSON.createObjectNode()
                .put("message", line.message())
                .put("level", line.level().name())
                .put("source", "USER")
                .put("timestamp", line.timestamp().toString());
    }

    private static ObjectNode image(StoredImage image, Function<StoredImage, String> url) {
        return JSON.createObjectNode()
                .put("url", url.apply(image))
                .put("content_type", image.contentType())
                .put("file_name", image.fileName())
                .put("file_size", image.fileSize())
                .put("width", image.width())
                .put("height", image.height());
    }

    private static void addUrls(ObjectNode body, String requestId, ApiUrls urls) {
        body.put("response_url", urls.requestUrl(requestId));
        body.put("status_url", urls.statusUrl(requestId));
        body.put("cancel_url", urls.cancelUrl(requestId));
    }
}
