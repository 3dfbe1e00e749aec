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
import java.util.List;

/** The queue API as a caller sees it: plain HTTP to the local API Gateway, JSON back. */
final class StickerApi {

    static final String MODEL = "/fal-ai/face-to-sticker";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(5)).build();

    StickerApi(URI base) {
        this.base = base;
    }

    /** A reply: status code, headers and the body parsed as JSON (null when empty). */
    record Reply(int status, HttpHeaders headers, JsonNode json) {
        String text(String field) {
            return json.path(field).asText();
        }
    }

    Reply submit(String body) {
        return send(request(MODEL).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply status(String requestId) {
        return send(request(MODEL + "/requests/" + requestId + "/status?logs=1").GET());
    }

    Reply result(String requestId) {
        return send(request(MODEL + "/requests/" + requestId).GET());
    }

    Reply cancel(String requestId) {
        return send(request(MODEL + "/requests/" + requestId + "/cancel").PUT(HttpRequest.BodyPublishers.noBody()));
    }

    Reply post(String path, String body, String headerName, String headerValue) {
        HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headerName != null) {
            request.header(headerName, headerValue);
        }
        return send(request);
    }

    /** Polls the status (with logs) until COMPLETED; every status seen, in order and without repeats, goes to seen. */
    Reply awaitCompleted(String requestId, Duration timeout, List<String> seen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Reply status = status(requestId);
            assertPolled(requestId, status);
            String state = status.text("status");
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
                seen.add(state);
            }
            if (state.equals("COMPLETED")) {
                return status;
            }
            pause(POLL_INTERVAL);
        }
        throw new AssertionError("request " + requestId + " not COMPLETED within " + timeout + "; saw " + seen);
    }

    Reply awaitCompleted(String requestId, Duration timeout) {
        return awaitCompleted(requestId, timeout, new ArrayList<>());
    }

    /** Polls until the request shows the given status. */
    Reply awaitStatus(String requestId, String wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Reply status = status(requestId);
            assertPolled(requestId, status);
            if (status.text("status").equals(wanted)) {
                return status;
            }
            pause(POLL_INTERVAL);
        }
        throw new AssertionError("request " + requestId + " never reached " + wanted + " within " + timeout);
    }

    /** GETs a URL as a browser would (following the file route's redirect). */
    HttpResponse<byte[]> download(String url) {
        try {
            return following.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** GETs a URL without following redirects. */
    HttpResponse<String> getWithoutRedirect(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A status call answers 202 while the request waits or runs and 200 once it is done; anything else is a bug. */
    private static void assertPolled(String requestId, Reply status) {
        if (status.status() != 200 && status.status() != 202) {
            throw new AssertionError("status of " + requestId + " answered " + status.status() + ": " + status.json());
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + path))
                .timeout(Duration.ofSeconds(30));
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Reply(response.statusCode(), response.headers(),
                    body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body));
        } catch (IOException e) {
            throw new AssertionError("HTTP call failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
