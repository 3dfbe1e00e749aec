package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * fal's queue protocol as a caller speaks it, over plain HTTP: submit, status (with logs), result, cancel, and the
 * downloads of result files. The one client of this API in the repository: the CLI, the benchmarks and the
 * end-to-end tests all call through it. Calls answer a {@link Reply} whatever the status, so tests can assert
 * errors; {@link Reply#expectOk} turns a refusal into a {@link CallFailed} with fal's error text.
 */
public final class QueueClient {

    public static final String MODEL_PATH = "/fal-ai/face-to-sticker";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final URI endpoint;
    private final String key;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient following = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NORMAL).build();

    /** A client that sends no key. */
    public QueueClient(URI endpoint) {
        this(endpoint, null);
    }

    /** @param key {@code key_id:key_secret}, sent as {@code Authorization: Key ...}; null sends none */
    public QueueClient(URI endpoint, String key) {
        this.endpoint = URI.create(endpoint.toString().replaceAll("/+$", "") + "/");
        this.key = key;
    }

    /** The same API, called with another key (null: none). */
    public QueueClient withKey(String otherKey) {
        return new QueueClient(endpoint, otherKey);
    }

    public URI endpoint() {
        return endpoint;
    }

    /** One answer: status, headers, the body as text and parsed as JSON (a null node when empty or not JSON). */
    public record Reply(int status, HttpHeaders headers, String body, JsonNode json) {

        public String text(String field) {
            return json.path(field).asText();
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** This reply when it is a 2xx, else a {@link CallFailed} naming the call and fal's error text. */
        public Reply expectOk(String call) {
            if (!ok()) {
                throw new CallFailed(call + " failed (HTTP " + status + "): " + reason());
            }
            return this;
        }

        /** fal's error text: {"detail": "text"} or {"detail": [{"loc": [...], "msg": "..."}]}. */
        public String reason() {
            JsonNode detail = json.path("detail");
            if (detail.isArray() && !detail.isEmpty()) {
                List<String> problems = new ArrayList<>();
                detail.forEach(d -> {
                    List<String> location = new ArrayList<>();
                    d.path("loc").forEach(l -> location.add(l.asText()));
                    problems.add(String.join(".", location) + ": " + d.path("msg").asText());
                });
                return String.join("; ", problems);
            }
            return detail.isTextual() ? detail.asText() : json.isMissingNode() || json.isNull() ? body : json.toString();
        }
    }

    /** A call that could not be made or was refused. */
    public static final class CallFailed extends RuntimeException {
        public CallFailed(String message) {
            super(message);
        }

        CallFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public Reply submit(String inputJson) {
        return post(MODEL_PATH, inputJson, Map.of());
    }

    public Reply status(String requestId) {
        return get(MODEL_PATH + "/requests/" + requestId + "/status?logs=1");
    }

    public Reply result(String requestId) {
        return get(MODEL_PATH + "/requests/" + requestId);
    }

    public Reply cancel(String requestId) {
        return send(request(MODEL_PATH + "/requests/" + requestId + "/cancel").PUT(HttpRequest.BodyPublishers.noBody()));
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    /** A JSON POST with extra headers (e.g. fal's proxy target header). */
    public Reply post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return send(request);
    }

    /** Any call: method, path (or absolute URL), body (null for none) and extra headers. */
    public Reply call(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(path).method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        return send(request);
    }

    /**
     * Polls the status (with logs) until COMPLETED and answers that status; each poll goes to {@code onPoll} first.
     * A status call that fails, or a request still open at the deadline, is a {@link CallFailed}.
     */
    public Reply awaitCompleted(String requestId, Duration timeout, Duration interval, Consumer<Reply> onPoll) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "none";
        while (System.nanoTime() < deadline) {
            Reply status = status(requestId).expectOk("status of " + requestId);
            onPoll.accept(status);
            last = status.text("status");
            if (last.equals("COMPLETED")) {
                return status;
            }
            pause(interval);
        }
        throw new CallFailed("request " + requestId + " not COMPLETED within " + timeout + " (last status " + last
                + ")");
    }

    /** The bytes behind a result URL (following the file route's redirect), or a data URI's. */
    public byte[] download(String url) {
        if (url.startsWith("data:")) {
            return Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
        }
        HttpResponse<byte[]> response = fetch(url, true, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new CallFailed("download of " + url + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    /** A GET of any URL (relative to the API or absolute), as a browser would send it, with or without redirects. */
    public <T> HttpResponse<T> fetch(String url, boolean followRedirects, HttpResponse.BodyHandler<T> body) {
        try {
            return (followRedirects ? following : http).send(HttpRequest.newBuilder(endpoint.resolve(url))
                    .timeout(CALL_TIMEOUT).GET().build(), body);
        } catch (IOException e) {
            throw new CallFailed("cannot GET " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted", e);
        }
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted", e);
        }
    }

    private HttpRequest.Builder request(String pathOrUrl) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(pathOrUrl.replaceFirst("^/", "")))
                .timeout(CALL_TIMEOUT);
        if (key != null) {
            request.header("Authorization", "Key " + key);
        }
        return request;
    }

    private Reply send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CallFailed("cannot reach " + request.uri() + " (" + e.getClass().getSimpleName()
                    + "); is ./sticker up running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed("interrupted", e);
        }
        return new Reply(response.statusCode(), response.headers(), response.body(), parse(response.body()));
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.nullNode();
        }
    }
}
