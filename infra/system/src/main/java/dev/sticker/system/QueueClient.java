package dev.sticker.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The fal queue protocol as a caller sees it: submit, poll the status with logs, fetch the result, download files. */
final class QueueClient {

    static final String MODEL_PATH = "/fal-ai/face-to-sticker";

    /** What a submit answers: where to poll and where the result will be. */
    record Submitted(String requestId, URI statusUrl, URI responseUrl) {
    }

    /** One status poll: IN_QUEUE (with a position), IN_PROGRESS or COMPLETED, and every log line so far. */
    record QueueStatus(String status, Long queuePosition, List<String> logs) {
        boolean completed() {
            return "COMPLETED".equals(status);
        }
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final URI endpoint;

    QueueClient(URI endpoint) {
        this.endpoint = endpoint;
    }

    Submitted submit(ObjectNode input) {
        HttpRequest request = HttpRequest.newBuilder(resolve(MODEL_PATH))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(input.toString()))
                .build();
        JsonNode body = expectJson(send(request), "submit");
        return new Submitted(body.path("request_id").asText(),
                resolve(body.path("status_url").asText()), resolve(body.path("response_url").asText()));
    }

    QueueStatus status(Submitted submitted) {
        URI withLogs = URI.create(submitted.statusUrl() + (submitted.statusUrl().getQuery() == null ? "?" : "&") + "logs=1");
        JsonNode body = expectJson(send(HttpRequest.newBuilder(withLogs).GET().build()), "status");
        List<String> logs = new ArrayList<>();
        body.path("logs").forEach(line -> logs.add(line.path("message").asText()));
        JsonNode position = body.get("queue_position");
        return new QueueStatus(body.path("status").asText(), position == null ? null : position.asLong(), logs);
    }

    JsonNode result(Submitted submitted) {
        return expectJson(send(HttpRequest.newBuilder(submitted.responseUrl()).GET().build()), "result");
    }

    /** The bytes behind a result URL: an http(s) URL, relative to the endpoint if need be, or a data URI. */
    byte[] download(String url) {
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            return Base64.getDecoder().decode(url.substring(comma + 1));
        }
        HttpResponse<byte[]> response = sendBytes(HttpRequest.newBuilder(resolve(url)).GET().build());
        if (response.statusCode() != 200) {
            throw new CliFailure("download of " + url + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    private URI resolve(String pathOrUrl) {
        return endpoint.resolve(pathOrUrl);
    }

    private JsonNode expectJson(HttpResponse<String> response, String call) {
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            throw new CliFailure(call + " answered HTTP " + response.statusCode() + " without JSON");
        }
        if (response.statusCode() >= 300) {
            throw new CliFailure(call + " failed (HTTP " + response.statusCode() + "): " + reason(body));
        }
        return body;
    }

    /** fal errors: {"detail": "text"} or {"detail": [{"loc": [...], "msg": "...", "type": "..."}]}. */
    private static String reason(JsonNode body) {
        JsonNode detail = body.path("detail");
        if (detail.isArray() && !detail.isEmpty()) {
            List<String> problems = new ArrayList<>();
            detail.forEach(d -> {
                List<String> location = new ArrayList<>();
                d.path("loc").forEach(l -> location.add(l.asText()));
                problems.add(String.join(".", location) + ": " + d.path("msg").asText());
            });
            return String.join("; ", problems);
        }
        if (detail.isTextual()) {
            return detail.asText();
        }
        return body.path("message").asText(body.toString());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliFailure("cannot reach " + request.uri() + " (" + e.getClass().getSimpleName()
                    + "); is ./sticker up running?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted", e);
        }
    }

    private HttpResponse<byte[]> sendBytes(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new CliFailure("cannot download " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted", e);
        }
    }
}
