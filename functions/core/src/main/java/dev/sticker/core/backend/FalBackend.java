package dev.sticker.core.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.guard.GuardedHttp;
import dev.sticker.core.guard.GuardedHttp.Answer;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.photo.ResultImages.ImageSource;
import dev.sticker.core.port.BackendOutcome;
import dev.sticker.core.port.GenerationJob;
import dev.sticker.core.port.RemoteBackend;
import dev.sticker.core.request.Failure;
import dev.sticker.core.webhook.WebhookVerifier.Verdict;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.BaseUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * fal's queue as the upstream: the input goes unchanged (the photo as a URL fal can fetch) to
 * {@code POST {queue}/fal-ai/face-to-sticker?fal_webhook=<our callback>} with {@code Authorization: Key <key>}; fal
 * calls back with {@code {request_id, gateway_request_id, status: OK|ERROR, payload, error, payload_error}}, signed
 * with Ed25519 and verified against fal's JWKS ({@link FalJwks}). Polling reads {@code .../requests/{id}/status},
 * then the result at {@code .../requests/{id}}; cancelling is {@code PUT .../requests/{id}/cancel}. Those URLs are
 * built from the configured queue URL, never taken from fal's answers, so the key only ever goes there.
 */
public final class FalBackend implements RemoteBackend {

    public static final String NAME = "fal";
    public static final String MODEL = "fal-ai/face-to-sticker";
    private static final Logger LOG = LoggerFactory.getLogger(FalBackend.class);

    private final String queueUrl;
    private final String key;
    private final ApiUrls publicUrls;
    private final GuardedHttp http;
    private final FalJwks jwks;

    /**
     * @param queueUrl   fal's queue, e.g. {@code https://queue.fal.run}
     * @param jwksUrl    fal's webhook keys, e.g. {@code https://rest.alpha.fal.ai/.well-known/jwks.json}
     * @param key        the fal API key
     * @param publicUrls our public base, for the callback URL fal posts to
     * @param clock      ages the cached JWKS
     */
    public FalBackend(String queueUrl, String jwksUrl, String key, ApiUrls publicUrls, GuardedHttp http,
                      Clock clock) {
        this.queueUrl = BaseUrl.of(queueUrl);
        this.key = key;
        this.publicUrls = publicUrls;
        this.http = http;
        this.jwks = new FalJwks(jwksUrl, http, clock);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BackendOutcome generate(GenerationJob job) {
        ObjectNode input = InputSchema.toJsonNode(job.input());
        input.put("image_url", job.photoUrl());
        String url = queueUrl + "/" + MODEL + "?fal_webhook="
                + URLEncoder.encode(publicUrls.callbackUrl(NAME, job.requestId()), StandardCharsets.UTF_8);
        Answer answer = http.send("POST", url, headers(), input.toString().getBytes(StandardCharsets.UTF_8));
        if (answer instanceof Answer.Response response && response.isSuccess()) {
            String upstreamId = ProviderFailures.json(response.body()).path("request_id").asText("");
            if (upstreamId.isEmpty()) {
                return ProviderFailures.providers("fal accepted the job without a request_id");
            }
            LOG.info("submitted to fal requestId={} falRequestId={}", job.requestId(), upstreamId);
            return new BackendOutcome.Pending(upstreamId);
        }
        return failure("submit", answer);
    }

    @Override
    public CallbackReading readCallback(String requestId, Map<String, String> headers, byte[] body, Instant now) {
        Verdict verdict = jwks.verify(headers, body, now);
        if (verdict instanceof Verdict.Invalid invalid) {
            LOG.warn("fal callback refused requestId={} reason={}", requestId, invalid.reason());
            return new CallbackReading.Refused(401, invalid.reason());
        }
        JsonNode callback = ProviderFailures.json(body);
        String upstreamId = callback.path("request_id").asText("");
        if (upstreamId.isEmpty()) {
            return new CallbackReading.Refused(400, "the callback has no request_id");
        }
        String signedId = ((Verdict.Valid) verdict).requestId();
        if (!signedId.equals(upstreamId) && !signedId.equals(callback.path("gateway_request_id").asText(""))) {
            return new CallbackReading.Refused(401, "the signed request id is not the body's");
        }
        return new CallbackReading.Accepted(upstreamId, outcome(upstreamId, callback));
    }

    private BackendOutcome outcome(String upstreamId, JsonNode callback) {
        String status = callback.path("status").asText("");
        JsonNode payload = callback.path("payload");
        if (status.equals("OK")) {
            // fal leaves the payload out when it could not attach it (payload_error); the result is still there.
            return payload.isObject() ? delivered(payload) : poll(upstreamId);
        }
        if (status.equals("ERROR")) {
            String error = callback.path("error").asText("no reason given");
            LOG.info("fal reported an error falRequestId={} error={}", upstreamId, error);
            return ProviderFailures.validation(payload)
                    .orElseGet(() -> ProviderFailures.providers("fal failed the job: " + error));
        }
        return new BackendOutcome.Pending(upstreamId);
    }

    @Override
    public BackendOutcome poll(String upstreamId) {
        Answer status = http.get(requestUrl(upstreamId) + "/status", headers());
        if (!(status instanceof Answer.Response response) || !response.isSuccess()) {
            return failure("status", status);
        }
        if (!ProviderFailures.json(response.body()).path("status").asText("").equals("COMPLETED")) {
            return new BackendOutcome.Pending(upstreamId);
        }
        Answer result = http.get(requestUrl(upstreamId), headers());
        if (result instanceof Answer.Response done && done.isSuccess()) {
            return delivered(ProviderFailures.json(done.body()));
        }
        return failure("result", result);
    }

    @Override
    public void cancel(String upstreamId) {
        try {
            Answer answer = http.send("PUT", requestUrl(upstreamId) + "/cancel", headers(), null);
            LOG.info("fal cancel falRequestId={} answer={}", upstreamId, answer instanceof Answer.Response response
                    ? "HTTP " + response.status() : answer.toString());
        } catch (RuntimeException e) {
            LOG.warn("fal cancel failed falRequestId={}", upstreamId, e);
        }
    }

    private String requestUrl(String upstreamId) {
        return queueUrl + "/" + MODEL + "/requests/" + URLEncoder.encode(upstreamId, StandardCharsets.UTF_8);
    }

    private Map<String, String> headers() {
        return Map.of("Authorization", "Key " + key, "Content-Type", "application/json",
                "Accept", "application/json");
    }

    /** A 422 is fal refusing the input (the caller's fault); anything else is fal's. */
    private static BackendOutcome.Failed failure(String action, Answer answer) {
        if (answer instanceof Answer.Response response && response.status() == 422) {
            return ProviderFailures.validation(ProviderFailures.json(response.body())).orElseGet(() ->
                    BackendOutcome.Failed.callers(Failure.invalidInput("body", "value_error", response.text())));
        }
        return ProviderFailures.of(NAME, action, answer);
    }

    /** fal's Output: both images by URL (fal keeps them a limited time), the seed and the safety flags. */
    private static BackendOutcome delivered(JsonNode output) {
        Optional<String> sticker = imageUrl(output, "sticker_image", 0);
        Optional<String> removed = imageUrl(output, "sticker_image_background_removed", 1);
        if (sticker.isEmpty() || removed.isEmpty() || !output.path("seed").canConvertToLong()) {
            return ProviderFailures.providers("fal returned a result without both images and a seed");
        }
        JsonNode nsfw = output.path("has_nsfw_concepts");
        return new BackendOutcome.Delivered(ImageSource.at("sticker_image", sticker.get()),
                ImageSource.at("sticker_image_background_removed", removed.get()), output.get("seed").longValue(),
                nsfw.path("sticker_image").asBoolean(false),
                nsfw.path("sticker_image_background_removed").asBoolean(false));
    }

    private static Optional<String> imageUrl(JsonNode output, String field, int index) {
        JsonNode image = output.path(field).isObject() ? output.get(field) : output.path("images").path(index);
        return Optional.of(image.path("url").asText("")).filter(url -> !url.isEmpty());
    }
}
