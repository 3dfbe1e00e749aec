package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.webhook.WebhookAttempt;
import dev.sticker.core.webhook.WebhookLog;
import dev.sticker.core.webhook.WebhookState;
import dev.sticker.core.webhook.WebhookVerifier;
import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks to the caller end to end: completion → delivery queue → Delivery λ → a receiver on loopback that checks
 * the signature against the JWKS our API publishes. A cloud of its own, deployed with a 1 s backoff so retries are
 * quick.
 */
class WebhookTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);
    private static LocalCloud cloud;
    private static QueueClient api;
    private static HttpServer receiver;
    private static String receiverBase;
    private static WebhookVerifier verifier;
    private static final BlockingQueue<Delivery> delivered = new LinkedBlockingQueue<>();
    private static final AtomicInteger flakyCalls = new AtomicInteger();
    /** Holds the worker's download of /slow.png until a test lets it through. */
    private static final CountDownLatch slowPhotoReleased = new CountDownLatch(1);

    /** One POST the receiver took: its headers, raw body and what the verifier said at arrival. */
    private record Delivery(String path, Map<String, String> headers, byte[] body, WebhookVerifier.Verdict verdict) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @BeforeAll
    static void start() throws Exception {
        cloud = LocalCloud.start(new LocalCloudOptions(TestClouds.template(), null, TestClouds.freePort(), true,
                Map.of("WebhookBackoffSeconds", "1")));
        api = new QueueClient(cloud.apiUrl(), LocalAccount.ensure(cloud));
        // The first call starts the fetch function, which can take longer than a receiver's JWKS timeout.
        api.fetch(cloud.apiUrl() + "/.well-known/jwks.json", false, HttpResponse.BodyHandlers.ofString());
        verifier = WebhookVerifier.fetch(URI.create(cloud.apiUrl() + "/.well-known/jwks.json"),
                HttpClient.newHttpClient());
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/ok", exchange -> receive(exchange, 200));
        // Fails twice, then accepts.
        receiver.createContext("/flaky", exchange -> receive(exchange, flakyCalls.incrementAndGet() <= 2 ? 500 : 204));
        receiver.createContext("/slow.png", WebhookTest::servePhotoWhenReleased);
        // The held download must not hold up the deliveries.
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.start();
        receiverBase = "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        cloud.close();
    }

    @Test
    void jwksPublishesOneEd25519KeyAndMayBeCached() {
        var reply = api.fetch(cloud.apiUrl() + "/.well-known/jwks.json", false, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, reply.statusCode());
        assertTrue(reply.headers().firstValue("Cache-Control").orElse("").contains("max-age"));
        assertEquals(1, verifier.keyCount());
    }

    @Test
    void successfulRequestIsDeliveredSignedWithTheResultAsPayload() throws Exception {
        String id = submit(Photos.dataUri("image/png", Photos.astronautPng()), "/ok");

        Delivery delivery = awaitDelivery("/ok", id);

        assertEquals(new WebhookVerifier.Verdict.Valid(id, LocalAccount.ID), delivery.verdict(),
                "fal's user id header names the account");
        JsonNode body = delivery.json();
        assertEquals(id, body.get("request_id").textValue());
        assertEquals(id, body.get("gateway_request_id").textValue());
        assertEquals("OK", body.get("status").textValue());
        assertTrue(body.get("error").isNull());
        assertEquals(api.result(id).json(), body.get("payload"));
        Stickers.assertValid(api, body.get("payload"), 512, 512);

        byte[] tampered = delivery.body().clone();
        int seed = new String(tampered).indexOf("\"seed\":") + 7;
        tampered[seed] = (byte) (tampered[seed] == '1' ? '2' : '1');
        assertInstanceOf(WebhookVerifier.Verdict.Invalid.class,
                verifier.verify(delivery.headers(), tampered, Instant.now()), "a tampered body must be rejected");
    }

    @Test
    void requestWithoutAFaceIsDeliveredAsErrorWithTheResultCallsBody() throws Exception {
        String id = submit(Photos.dataUri("image/png", chelseaPng()), "/ok");

        Delivery delivery = awaitDelivery("/ok", id);

        assertInstanceOf(WebhookVerifier.Verdict.Valid.class, delivery.verdict());
        JsonNode body = delivery.json();
        assertEquals("ERROR", body.get("status").textValue());
        QueueClient.Reply result = api.result(id);
        assertEquals(result.json(), body.get("payload"));
        assertTrue(body.get("error").textValue().toLowerCase().contains("face"), body.toString());
    }

    @Test
    void aRequestCancelledWhileRunningIsDeliveredAsErrorByTheFetchFunction() throws Exception {
        String id = submit(receiverBase + "/slow.png", "/ok");
        Await.status(api, id, "IN_PROGRESS", DELIVERY_TIMEOUT);

        QueueClient.Reply cancelled = api.cancel(id);
        slowPhotoReleased.countDown();
        Delivery delivery = awaitDelivery("/ok", id);

        assertEquals(202, cancelled.status(), cancelled.body());
        assertInstanceOf(WebhookVerifier.Verdict.Valid.class, delivery.verdict());
        assertEquals("ERROR", delivery.json().get("status").textValue());
        QueueClient.Reply result = api.result(id);
        assertEquals(400, result.status());
        assertEquals(result.json(), delivery.json().get("payload"));
    }

    @Test
    void receiverFailingTwiceGetsItOnTheThirdAttemptAndEveryAttemptIsRecorded() throws Exception {
        String id = submit(Photos.dataUri("image/png", chelseaPng()), "/flaky");

        Delivery delivery = awaitDelivery("/flaky", id);

        assertInstanceOf(WebhookVerifier.Verdict.Valid.class, delivery.verdict());
        WebhookLog log = awaitRecorded(id);
        assertEquals(WebhookState.DELIVERED, log.state());
        assertEquals(List.of(500, 500, 204), log.attempts().stream().map(WebhookAttempt::httpStatus).toList());
        assertEquals(List.of(1, 2, 3), log.attempts().stream().map(WebhookAttempt::number).toList());
        Duration firstWait = Duration.between(log.attempts().get(0).at(), log.attempts().get(1).at());
        Duration secondWait = Duration.between(log.attempts().get(1).at(), log.attempts().get(2).at());
        assertTrue(firstWait.toMillis() >= 1000, "backoff 1 s, waited " + firstWait);
        assertTrue(secondWait.toMillis() >= 2000, "backoff doubled to 2 s, waited " + secondWait);
    }

    private static String submit(String imageUrl, String receiverPath) {
        String body = JSON.createObjectNode().put("image_url", imageUrl).put("prompt", "a person")
                .put("image_size", "square").toString();
        QueueClient.Reply reply = api.post(QueueClient.MODEL_PATH + "?fal_webhook=" + receiverBase + receiverPath, body,
                Map.of());
        assertEquals(200, reply.status(), reply.json().toString());
        return reply.text("request_id");
    }

    /** Waits for the delivery of this request to that path that the receiver answered 2xx. */
    private static Delivery awaitDelivery(String path, String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Delivery next = delivered.poll(1, TimeUnit.SECONDS);
            if (next != null && next.path().equals(path) && requestId.equals(next.json().path("request_id").asText())) {
                return next;
            }
            if (next != null) {
                delivered.add(next);
            }
        }
        throw new AssertionError("no webhook for " + requestId + " reached " + path + " within " + DELIVERY_TIMEOUT);
    }

    /** The delivery function records an attempt after the receiver answered it, so the record may trail a little. */
    private static WebhookLog awaitRecorded(String requestId) throws InterruptedException {
        DynamoRequestStore store = new DynamoRequestStore(cloud.clients().dynamoDb(),
                cloud.physicalName("RequestsTable"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        WebhookLog log = store.webhookLog(requestId).orElseThrow();
        while (log.state() == WebhookState.QUEUED && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
            log = store.webhookLog(requestId).orElseThrow();
        }
        return log;
    }

    private static void receive(HttpExchange exchange, int status) throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (status / 100 == 2) {
            delivered.add(new Delivery(exchange.getHttpContext().getPath(), headers, body,
                    verifier.verify(headers, body, Instant.now())));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void servePhotoWhenReleased(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!slowPhotoReleased.await(DELIVERY_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                exchange.sendResponseHeaders(504, -1);
                return;
            }
            byte[] photo = Photos.astronautPng();
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, photo.length);
            exchange.getResponseBody().write(photo);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] chelseaPng() {
        try (InputStream in = WebhookTest.class.getResourceAsStream("/chelsea.png")) {
            assertNotNull(in, "chelsea.png is a test resource");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
