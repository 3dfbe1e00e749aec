package dev.sticker.core.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.input.ParsedInput;
import dev.sticker.core.input.StickerInput;
import dev.sticker.core.photo.FetchResult;
import dev.sticker.core.port.BackendOutcome;
import dev.sticker.core.port.GenerationJob;
import dev.sticker.core.request.Failure;
import dev.sticker.core.wire.ApiUrls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Against a real HTTP server on loopback standing in for the remote GPU worker. */
class HttpBackendTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final RemoteWorkerProtocol SIGNATURE = new RemoteWorkerProtocol("deployment-secret");

    private HttpServer worker;
    private final AtomicReference<String> receivedBody = new AtomicReference<>();
    private final AtomicReference<String> receivedSignature = new AtomicReference<>();
    private volatile int answer = 202;

    @BeforeEach
    void startWorker() throws IOException {
        worker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        worker.createContext("/jobs", exchange -> {
            receivedBody.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            receivedSignature.set(exchange.getRequestHeaders().getFirst(RemoteWorkerProtocol.SIGNATURE_HEADER));
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        worker.start();
    }

    @AfterEach
    void stopWorker() {
        worker.stop(0);
    }

    @Test
    void dispatchPostsASignedJobAndIsPending() throws Exception {
        BackendOutcome outcome = backend(workerUrl()).generate(job());
        assertInstanceOf(BackendOutcome.Pending.class, outcome);
        JsonNode body = new ObjectMapper().readTree(receivedBody.get());
        assertEquals("r1", body.get("request_id").textValue());
        assertEquals("https://api.example.com/webhooks/http/r1", body.get("callback_url").textValue());
        StickerInput sent = assertInstanceOf(ParsedInput.Valid.class, InputSchema.parse(body.get("input"))).input();
        assertEquals(input().withSeed(1234), sent);
        assertEquals(RemoteWorkerProtocol.Check.VALID,
                SIGNATURE.verify(receivedSignature.get(), receivedBody.get(), NOW));
    }

    @Test
    void refusedDispatchFailsTheRequest() {
        answer = 503;
        BackendOutcome outcome = backend(workerUrl()).generate(job());
        assertEquals(BackendOutcome.Failed.providers(Failure.internal("remote worker refused the job (HTTP 503)")),
                outcome);
    }

    @Test
    void unreachableWorkerFailsTheRequest() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        BackendOutcome outcome = backend(URI.create("http://127.0.0.1:" + closedPort + "/jobs")).generate(job());
        assertEquals(BackendOutcome.Failed.providers(Failure.internal("remote worker unreachable")), outcome);
    }

    private URI workerUrl() {
        return URI.create("http://127.0.0.1:" + worker.getAddress().getPort() + "/jobs");
    }

    private static HttpBackend backend(URI url) {
        return new HttpBackend(url, new ApiUrls("https://api.example.com"), SIGNATURE, HttpClient.newHttpClient(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static StickerInput input() {
        return ((ParsedInput.Valid) InputSchema.parse(
                "{\"image_url\":\"https://images.example.com/face.jpg\",\"prompt\":\"a person\"}")).input();
    }

    private static GenerationJob job() {
        return new GenerationJob("r1", input().withSeed(1234), 1234,
                () -> FetchResult.refused("a dispatching backend never loads the photo"), input().imageUrl(),
                (level, message) -> { });
    }
}
