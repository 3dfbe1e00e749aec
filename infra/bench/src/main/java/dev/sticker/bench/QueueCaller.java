package dev.sticker.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A caller of the queue API over HTTP, as a fal client is: submit, poll the status, read the result. */
final class QueueCaller {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI api;

    QueueCaller(URI api) {
        this.api = api;
    }

    /** Submits and answers the request id; anything but 200 is a failed benchmark. */
    String submit(String jsonBody) {
        HttpRequest request = HttpRequest.newBuilder(api.resolve("/fal-ai/face-to-sticker"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)).build();
        return expect(request, 200).path("request_id").asText();
    }

    /**
     * One status poll: IN_QUEUE, IN_PROGRESS or COMPLETED, and once COMPLETED the worker's time from claim to
     * completion (fal's metrics.inference_time), in milliseconds.
     */
    record QueueStatus(String status, double inferenceMillis) {

        boolean completed() {
            return status.equals("COMPLETED");
        }
    }

    QueueStatus status(String requestId) {
        HttpRequest request = HttpRequest.newBuilder(
                api.resolve("/fal-ai/face-to-sticker/requests/" + requestId + "/status")).GET().build();
        JsonNode body = send(request);
        return new QueueStatus(body.path("status").asText(),
                body.path("metrics").path("inference_time").asDouble(Double.NaN) * 1000);
    }

    /** The result of a COMPLETED request; a completion with an error fails the benchmark. */
    JsonNode result(String requestId) {
        HttpRequest request = HttpRequest.newBuilder(api.resolve("/fal-ai/face-to-sticker/requests/" + requestId))
                .GET().build();
        return expect(request, 200);
    }

    private JsonNode expect(HttpRequest request, int status) {
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() != status) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    private JsonNode send(HttpRequest request) {
        HttpResponse<String> response = exchange(request);
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return parse(response.body());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }
}
