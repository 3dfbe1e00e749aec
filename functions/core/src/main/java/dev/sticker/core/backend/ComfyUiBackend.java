package dev.sticker.core.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.guard.GuardedHttp;
import dev.sticker.core.guard.GuardedHttp.Answer;
import dev.sticker.core.photo.FetchResult;
import dev.sticker.core.photo.ResultImages.ImageSource;
import dev.sticker.core.port.BackendOutcome;
import dev.sticker.core.port.GenerationJob;
import dev.sticker.core.port.RemoteBackend;
import dev.sticker.core.wire.BaseUrl;
import dev.sticker.core.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A self-hosted ComfyUI server as the upstream, running our own workflow ({@link ComfyUiWorkflow}): the photo goes up
 * with {@code POST /upload/image} (multipart), the filled workflow with {@code POST /prompt} {@code {prompt,
 * client_id}}, which answers the {@code prompt_id}. ComfyUI reports progress only over a websocket, which a Lambda
 * cannot hold for minutes, and has no callbacks: its jobs are only polled, {@code GET /history/{prompt_id}} until
 * the outputs appear, then {@code GET /view} for each image's bytes. Cancelling deletes a queued prompt
 * ({@code POST /queue {"delete": [id]}}) or interrupts it while it runs ({@code POST /interrupt}).
 *
 * <p>ComfyUI has no authentication of its own; the optional extra header (e.g. {@code Authorization: Bearer ...})
 * goes on every call, for an authenticating proxy in front of it (docs/backends.md).
 */
public final class ComfyUiBackend implements RemoteBackend {

    public static final String NAME = "comfyui";
    private static final Logger LOG = LoggerFactory.getLogger(ComfyUiBackend.class);
    /** One client id for every prompt: ours are told apart by prompt id, and nobody listens on the websocket. */
    private static final String CLIENT_ID = "face-to-sticker";

    private final String serverUrl;
    private final Map<String, String> extraHeaders;
    private final ComfyUiWorkflow workflow;
    private final GuardedHttp http;

    /**
     * @param serverUrl   the ComfyUI server, e.g. {@code https://comfy.example.com}
     * @param extraHeader {@code Name: value} sent on every call, or empty for none
     * @throws IllegalArgumentException when the extra header is not {@code Name: value}
     */
    public ComfyUiBackend(String serverUrl, String extraHeader, ComfyUiModels models, GuardedHttp http) {
        this.serverUrl = BaseUrl.of(serverUrl);
        this.extraHeaders = extraHeader(extraHeader);
        this.workflow = new ComfyUiWorkflow(models);
        this.http = http;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BackendOutcome generate(GenerationJob job) {
        FetchResult photo = job.photo().load();
        if (photo instanceof FetchResult.Refused refused) {
            return BackendOutcome.Failed.callers(refused.failure());
        }
        FetchResult.Fetched fetched = (FetchResult.Fetched) photo;
        String boundary = "----sticker" + UUID.randomUUID().toString().replace("-", "");
        Answer uploaded = http.send("POST", serverUrl + "/upload/image",
                headers("Content-Type", "multipart/form-data; boundary=" + boundary),
                multipart(boundary, job.requestId() + "." + fetched.type().formatName(), fetched.type().mimeType(),
                        fetched.bytes()));
        if (!(uploaded instanceof Answer.Response upload) || !upload.isSuccess()) {
            return ProviderFailures.of(NAME, "upload", uploaded);
        }
        JsonNode image = ProviderFailures.json(upload.body());
        String subfolder = image.path("subfolder").asText("");
        String name = (subfolder.isEmpty() ? "" : subfolder + "/") + image.path("name").asText("");
        ObjectNode prompt = Json.MAPPER.createObjectNode();
        prompt.set("prompt", workflow.fill(job.input(), job.seed(), name));
        prompt.put("client_id", CLIENT_ID);
        Answer queued = http.send("POST", serverUrl + "/prompt", headers("Content-Type", "application/json"),
                prompt.toString().getBytes(StandardCharsets.UTF_8));
        if (queued instanceof Answer.Response response && response.isSuccess()) {
            String promptId = ProviderFailures.json(response.body()).path("prompt_id").asText("");
            if (promptId.isEmpty()) {
                return ProviderFailures.providers("comfyui queued the workflow without a prompt_id");
            }
            LOG.info("queued on comfyui requestId={} promptId={}", job.requestId(), promptId);
            return new BackendOutcome.Pending(promptId);
        }
        if (queued instanceof Answer.Response refused && refused.status() == 400) {
            // The server lacks a node or a model the workflow names: the operator's setup, not the caller's input.
            LOG.error("comfyui refused the workflow requestId={} answer={}", job.requestId(), refused.text());
            return ProviderFailures.providers("comfyui refused the workflow (missing custom nodes or models?)");
        }
        return ProviderFailures.of(NAME, "prompt", queued);
    }

    /** ComfyUI never calls back: every callback to this backend's route is refused, its jobs are polled. */
    @Override
    public CallbackReading readCallback(String requestId, Map<String, String> headers, byte[] body, Instant now) {
        return new CallbackReading.Refused(404, "comfyui jobs are polled; this backend takes no callbacks");
    }

    /** ComfyUI has no callbacks: its jobs are polled. */
    @Override
    public boolean callsBack() {
        return false;
    }

    @Override
    public BackendOutcome poll(String upstreamId) {
        Answer answer = history(upstreamId);
        if (!(answer instanceof Answer.Response response) || !response.isSuccess()) {
            return ProviderFailures.of(NAME, "history", answer);
        }
        JsonNode entry = ProviderFailures.json(response.body()).path(upstreamId);
        if (entry.isMissingNode()) {
            return notInHistory(upstreamId);
        }
        String status = entry.path("status").path("status_str").asText("");
        if (status.equals("error")) {
            return executionFailure(upstreamId, entry.path("status").path("messages"));
        }
        Optional<JsonNode> sticker = output(entry, ComfyUiWorkflow.STICKER_NODE);
        Optional<JsonNode> removed = output(entry, ComfyUiWorkflow.BACKGROUND_REMOVED_NODE);
        if (sticker.isEmpty() || removed.isEmpty()) {
            return entry.path("status").path("completed").asBoolean(false)
                    ? ProviderFailures.providers("comfyui finished without both images")
                    : new BackendOutcome.Pending(upstreamId);
        }
        JsonNode seed = entry.path("prompt").path(2).path(ComfyUiWorkflow.SAMPLER_NODE).path("inputs").path("seed");
        if (!seed.canConvertToLong()) {
            return ProviderFailures.providers("comfyui's history does not hold the workflow's seed");
        }
        Answer stickerBytes = view(sticker.get());
        if (!(stickerBytes instanceof Answer.Response stickerImage) || !stickerImage.isSuccess()) {
            return ProviderFailures.of(NAME, "view", stickerBytes);
        }
        Answer removedBytes = view(removed.get());
        if (!(removedBytes instanceof Answer.Response removedImage) || !removedImage.isSuccess()) {
            return ProviderFailures.of(NAME, "view", removedBytes);
        }
        return new BackendOutcome.Delivered(ImageSource.inline("sticker_image", stickerImage.body()),
                ImageSource.inline("sticker_image_background_removed", removedImage.body()), seed.longValue(),
                false, false);
    }

    @Override
    public void cancel(String upstreamId) {
        try {
            Answer queue = http.get(serverUrl + "/queue", headers("Accept", "application/json"));
            if (!(queue instanceof Answer.Response response) || !response.isSuccess()) {
                LOG.warn("comfyui cancel promptId={}: queue unreadable ({})", upstreamId, queue);
                return;
            }
            JsonNode queues = ProviderFailures.json(response.body());
            ObjectNode body = Json.MAPPER.createObjectNode();
            Answer answer;
            if (holds(queues.path("queue_running"), upstreamId)) {
                // Naming the prompt keeps a server that runs other work from interrupting that instead.
                body.put("prompt_id", upstreamId);
                answer = http.send("POST", serverUrl + "/interrupt", headers("Content-Type", "application/json"),
                        body.toString().getBytes(StandardCharsets.UTF_8));
            } else if (holds(queues.path("queue_pending"), upstreamId)) {
                body.putArray("delete").add(upstreamId);
                answer = http.send("POST", serverUrl + "/queue", headers("Content-Type", "application/json"),
                        body.toString().getBytes(StandardCharsets.UTF_8));
            } else {
                LOG.info("comfyui cancel promptId={}: no longer queued", upstreamId);
                return;
            }
            LOG.info("comfyui cancel promptId={} answer={}", upstreamId, answer instanceof Answer.Response done
                    ? "HTTP " + done.status() : answer.toString());
        } catch (RuntimeException e) {
            LOG.warn("comfyui cancel failed promptId={}", upstreamId, e);
        }
    }

    private Answer history(String promptId) {
        return http.get(serverUrl + "/history/" + URLEncoder.encode(promptId, StandardCharsets.UTF_8),
                headers("Accept", "application/json"));
    }

    /**
     * Not in the history: still queued or running, or lost (the server restarted). The history is read once more
     * after the queue, so a prompt that finished in between is not taken for lost.
     */
    private BackendOutcome notInHistory(String promptId) {
        Answer queue = http.get(serverUrl + "/queue", headers("Accept", "application/json"));
        if (!(queue instanceof Answer.Response response) || !response.isSuccess()) {
            return ProviderFailures.of(NAME, "queue", queue);
        }
        JsonNode queues = ProviderFailures.json(response.body());
        if (holds(queues.path("queue_running"), promptId) || holds(queues.path("queue_pending"), promptId)) {
            return new BackendOutcome.Pending(promptId);
        }
        Answer again = history(promptId);
        if (again instanceof Answer.Response recheck && recheck.isSuccess()
                && !ProviderFailures.json(recheck.body()).path(promptId).isMissingNode()) {
            return poll(promptId);
        }
        return ProviderFailures.providers("comfyui no longer knows the prompt (restarted?)");
    }

    /** A queue entry is {@code [number, prompt_id, prompt, extra_data, outputs]}. */
    private static boolean holds(JsonNode queue, String promptId) {
        for (JsonNode entry : queue) {
            if (entry.path(1).asText("").equals(promptId)) {
                return true;
            }
        }
        return false;
    }

    /** The caller's failure when the face analysis found no face; any other error is the server's. */
    private static BackendOutcome executionFailure(String promptId, JsonNode messages) {
        String error = "the workflow failed";
        for (JsonNode message : messages) {
            if (message.path(0).asText("").equals("execution_error")) {
                JsonNode detail = message.path(1);
                error = detail.path("node_type").asText("?") + ": " + detail.path("exception_message").asText("");
            } else if (message.path(0).asText("").equals("execution_interrupted")) {
                error = "interrupted";
            }
        }
        LOG.info("comfyui prompt failed promptId={} error={}", promptId, error);
        String reason = error;
        return ProviderFailures.noFace(error)
                .orElseGet(() -> ProviderFailures.providers("comfyui failed the workflow: " + reason));
    }

    private static Optional<JsonNode> output(JsonNode entry, String node) {
        JsonNode image = entry.path("outputs").path(node).path("images").path(0);
        return image.path("filename").isTextual() ? Optional.of(image) : Optional.empty();
    }

    private Answer view(JsonNode image) {
        return http.get(serverUrl + "/view?filename=" + query(image.path("filename").asText())
                + "&subfolder=" + query(image.path("subfolder").asText(""))
                + "&type=" + query(image.path("type").asText("output")), headers("Accept", "image/png"));
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The extra header and one more. */
    private Map<String, String> headers(String name, String value) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put(name, value);
        return headers;
    }

    private static Map<String, String> extraHeader(String header) {
        if (header == null || header.isBlank()) {
            return Map.of();
        }
        int colon = header.indexOf(':');
        if (colon <= 0 || header.substring(0, colon).isBlank()) {
            throw new IllegalArgumentException("the ComfyUI header must be 'Name: value'");
        }
        return Map.of(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
    }

    private static byte[] multipart(String boundary, String fileName, String mimeType, byte[] bytes) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"overwrite\"\r\n\r\ntrue\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"image\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + mimeType + "\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }
}
