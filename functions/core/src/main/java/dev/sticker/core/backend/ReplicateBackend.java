package dev.sticker.core.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.guard.GuardedHttp;
import dev.sticker.core.guard.GuardedHttp.Answer;
import dev.sticker.core.photo.ResultImages.ImageSource;
import dev.sticker.core.port.BackendOutcome;
import dev.sticker.core.port.GenerationJob;
import dev.sticker.core.port.RemoteBackend;
import dev.sticker.core.request.Failure;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.BaseUrl;
import dev.sticker.core.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Replicate's {@code fofr/face-to-sticker} as the upstream: {@code POST {api}/v1/predictions} with
 * {@code Authorization: Bearer <token>} and {@code {version, input, webhook, webhook_events_filter: ["completed"]}}
 * (the input mapped by {@link ReplicateInput}). Replicate posts the finished prediction to the webhook, signed the
 * Standard Webhooks way ({@link StandardWebhook}); its {@code webhook-id} stays the same across retries. The output is
 * a list of two image URLs, the sticker then the sticker without background, which Replicate deletes after an hour,
 * so they are copied in at once. Polling is {@code GET /v1/predictions/{id}}, cancelling
 * {@code POST /v1/predictions/{id}/cancel}.
 */
public final class ReplicateBackend implements RemoteBackend {

    public static final String NAME = "replicate";
    private static final Logger LOG = LoggerFactory.getLogger(ReplicateBackend.class);

    private final String apiUrl;
    private final String modelVersion;
    private final String token;
    private final StandardWebhook webhooks;
    private final ApiUrls publicUrls;
    private final GuardedHttp http;

    /**
     * @param apiUrl        Replicate's API, e.g. {@code https://api.replicate.com}
     * @param modelVersion  the version of {@code fofr/face-to-sticker} to run
     * @param token         the API token
     * @param webhookSecret the account's webhook signing secret, {@code whsec_...}
     * @param publicUrls    our public base, for the callback URL Replicate posts to
     * @throws IllegalArgumentException when the webhook secret is not {@code whsec_} and base64
     */
    public ReplicateBackend(String apiUrl, String modelVersion, String token, String webhookSecret,
                            ApiUrls publicUrls, GuardedHttp http) {
        this.apiUrl = BaseUrl.of(apiUrl);
        this.modelVersion = modelVersion;
        this.token = token;
        this.webhooks = new StandardWebhook(webhookSecret);
        this.publicUrls = publicUrls;
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BackendOutcome generate(GenerationJob job) {
        ObjectNode prediction = Json.MAPPER.createObjectNode();
        prediction.put("version", modelVersion);
        prediction.set("input", ReplicateInput.of(job.input(), job.seed(), job.photoUrl()));
        prediction.put("webhook", publicUrls.callbackUrl(NAME, job.requestId()));
        prediction.putArray("webhook_events_filter").add("completed");
        Answer answer = http.send("POST", apiUrl + "/v1/predictions", headers(),
                prediction.toString().getBytes(StandardCharsets.UTF_8));
        if (answer instanceof Answer.Response response && response.isSuccess()) {
            String upstreamId = ProviderFailures.json(response.body()).path("id").asText("");
            if (upstreamId.isEmpty()) {
                return ProviderFailures.providers("replicate accepted the job without a prediction id");
            }
            LOG.info("submitted to replicate requestId={} predictionId={}", job.requestId(), upstreamId);
            return new BackendOutcome.Pending(upstreamId);
        }
        if (answer instanceof Answer.Response response && response.status() == 422) {
            return refusedInput(ProviderFailures.json(response.body()));
        }
        return ProviderFailures.of(NAME, "create prediction", answer);
    }

    @Override
    public CallbackReading readCallback(String requestId, Map<String, String> headers, byte[] body, Instant now) {
        Optional<String> problem = webhooks.problem(headers, body, now);
        if (problem.isPresent()) {
            LOG.warn("replicate callback refused requestId={} reason={}", requestId, problem.get());
            return new CallbackReading.Refused(401, problem.get());
        }
        JsonNode prediction = ProviderFailures.json(body);
        String upstreamId = prediction.path("id").asText("");
        if (upstreamId.isEmpty()) {
            return new CallbackReading.Refused(400, "the callback is not a prediction");
        }
        return new CallbackReading.Accepted(upstreamId, outcome(prediction));
    }

    @Override
    public BackendOutcome poll(String upstreamId) {
        Answer answer = http.get(predictionUrl(upstreamId), headers());
        if (answer instanceof Answer.Response response && response.isSuccess()) {
            return outcome(ProviderFailures.json(response.body()));
        }
        return ProviderFailures.of(NAME, "get prediction", answer);
    }

    @Override
    public void cancel(String upstreamId) {
        try {
            Answer answer = http.send("POST", predictionUrl(upstreamId) + "/cancel", headers(), null);
            LOG.info("replicate cancel predictionId={} answer={}", upstreamId,
                    answer instanceof Answer.Response response ? "HTTP " + response.status() : answer.toString());
        } catch (RuntimeException e) {
            LOG.warn("replicate cancel failed predictionId={}", upstreamId, e);
        }
    }

    private BackendOutcome outcome(JsonNode prediction) {
        String id = prediction.path("id").asText("");
        String status = prediction.path("status").asText("");
        switch (status) {
            case "succeeded":
                return delivered(prediction);
            case "failed":
                String error = prediction.path("error").asText("no reason given");
                LOG.info("replicate prediction failed predictionId={} error={}", id, error);
                return ProviderFailures.noFace(error)
                        .orElseGet(() -> ProviderFailures.providers("replicate failed the prediction: " + error));
            case "canceled", "aborted":
                return ProviderFailures.providers("replicate ended the prediction: " + status);
            default:
                return new BackendOutcome.Pending(id);
        }
    }

    /** The output's two URLs (sticker, then without background); the seed is the one we sent. */
    private static BackendOutcome delivered(JsonNode prediction) {
        JsonNode output = prediction.path("output");
        JsonNode seed = prediction.path("input").path("seed");
        if (!output.isArray() || output.size() < 2 || !output.get(0).isTextual() || !output.get(1).isTextual()
                || !seed.canConvertToLong()) {
            return ProviderFailures.providers("replicate returned a result without two images and the seed");
        }
        return new BackendOutcome.Delivered(ImageSource.at("sticker_image", output.get(0).textValue()),
                ImageSource.at("sticker_image_background_removed", output.get(1).textValue()), seed.longValue(),
                false, false);
    }

    /** Replicate's 422: {@code {title, detail, invalid_fields: [{type, field, description}]}}, named in our fields. */
    private static BackendOutcome.Failed refusedInput(JsonNode body) {
        JsonNode first = body.path("invalid_fields").path(0);
        if (first.isObject()) {
            return BackendOutcome.Failed.callers(Failure.invalidInput(
                    ReplicateInput.ourField(first.path("field").asText("input")),
                    first.path("type").asText("value_error"),
                    first.path("description").asText(body.path("detail").asText("Invalid input"))));
        }
        return BackendOutcome.Failed.callers(Failure.invalidInput("body", "value_error",
                body.path("detail").asText("replicate refused the input")));
    }

    private String predictionUrl(String upstreamId) {
        return apiUrl + "/v1/predictions/" + URLEncoder.encode(upstreamId, StandardCharsets.UTF_8);
    }

    private Map<String, String> headers() {
        return Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json",
                "Accept", "application/json");
    }
}
