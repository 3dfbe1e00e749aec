package dev.sticker.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.aws.S3ObjectStore;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.core.backend.MutableClock;
import dev.sticker.core.config.Settings;
import dev.sticker.core.guard.RequestForgeryGuard;
import dev.sticker.core.port.DeliveryQueue;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.StickerResult;
import dev.sticker.core.request.StoredImage;
import dev.sticker.core.request.TestBilling;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.DeadLetterService;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.FalWire;
import dev.sticker.local.LocalCloud;
import dev.sticker.settings.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery against the local cloud's real DynamoDB and a receiver on loopback, with a clock the test moves. The queue
 * records what is queued and with which delay (SQS hides delayed messages; {@code SqsDeliveryQueueTest} covers SQS).
 */
class WebhookDeliveryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ApiUrls URLS = new ApiUrls("https://api.example.com/v1");
    private static final Duration BACKOFF = Duration.ofSeconds(15);
    private static final SigningKey KEY = SigningKey.generate();

    private static SdkClients clients;
    private static DynamoRequestStore store;
    private static HttpServer receiver;
    private static String receiverBase;
    private static final Deque<Received> received = new ConcurrentLinkedDeque<>();
    private static final Deque<Integer> answers = new ConcurrentLinkedDeque<>();

    private final MutableClock clock = new MutableClock(Instant.now());
    private WebhookDelivery delivery;
    private final RecordingQueue queue = new RecordingQueue();

    private record Received(Map<String, String> headers, byte[] body) {
    }

    @BeforeAll
    static void start() throws IOException {
        LocalCloud.shared();
        clients = new SdkClients(Config.system());
        store = new DynamoRequestStore(clients.dynamo(), Settings.load().table());
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            received.add(new Received(headers, exchange.getRequestBody().readAllBytes()));
            Integer status = answers.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        receiver.start();
        receiverBase = "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
    }

    @BeforeEach
    void setUp() {
        received.clear();
        answers.clear();
        RequestForgeryGuard guard = new RequestForgeryGuard(List.of("127.0.0.1:" + receiver.getAddress().getPort()));
        delivery = new WebhookDelivery(store, queue, new HttpWebhookSender(guard), new WebhookSigner(KEY), URLS,
                BACKOFF, clock);
    }

    @Test
    void completedRequestIsDeliveredSignedWithTheResultAsPayload() throws Exception {
        StickerRequest request = completed(receiverBase + "/hook");
        new WebhookDispatch(store, queue, clock).completed(request);
        DeliveryJob job = onlyQueuedJob();

        DeliveryOutcome outcome = delivery.deliver(job);

        assertEquals(new DeliveryOutcome.Delivered(1, 200), outcome);
        Received post = received.getFirst();
        JsonNode body = JSON.readTree(post.body());
        assertEquals(request.id(), body.get("request_id").textValue());
        assertEquals(request.id(), body.get("gateway_request_id").textValue());
        assertEquals("OK", body.get("status").textValue());
        assertTrue(body.get("error").isNull());
        assertEquals(JSON.readTree(FalWire.result(request, URLS).body()), body.get("payload"));
        assertEquals("acct-test", post.headers().get(WebhookSignature.USER_ID));
        assertEquals(new WebhookVerifier.Verdict.Valid(request.id(), "acct-test"),
                WebhookVerifier.fromJwks(FalWire.jwks(List.of(KEY)).body())
                        .verify(post.headers(), post.body(), clock.instant()));
        WebhookLog log = store.webhookLog(request.id()).orElseThrow();
        assertEquals(WebhookState.DELIVERED, log.state());
        assertEquals(1, log.attempts().size());
        assertEquals(200, log.attempts().get(0).httpStatus());
    }

    @Test
    void failedRequestIsDeliveredAsErrorWithTheResultCallsBody() throws Exception {
        StickerRequest request = failed(receiverBase + "/hook",
                Failure.invalidInput("image_url", "no_face", "No face was found in the image"));

        assertInstanceOf(DeliveryOutcome.Delivered.class, delivery.deliver(firstJob(request)));

        JsonNode body = JSON.readTree(received.getFirst().body());
        assertEquals("ERROR", body.get("status").textValue());
        assertEquals("No face was found in the image", body.get("error").textValue());
        assertEquals(JSON.readTree(FalWire.result(request, URLS).body()), body.get("payload"));
    }

    @Test
    void failedAttemptQueuesTheNextAfterADoublingBackoff() {
        StickerRequest request = completed(receiverBase + "/hook");
        answers.add(503);

        DeliveryOutcome first = delivery.deliver(firstJob(request));

        assertEquals(new DeliveryOutcome.Retrying(1, "receiver answered HTTP 503", BACKOFF), first);
        assertEquals(BACKOFF, queue.lastDelay());
        DeliveryJob second = onlyQueuedJob();
        assertEquals(2, second.attempt());
        assertEquals(clock.instant().plus(BACKOFF), second.notBefore());
        assertInstanceOf(DeliveryOutcome.Waiting.class, delivery.deliver(second), "too early: waits");
        assertEquals(second, onlyQueuedJob());

        answers.add(500);
        clock.advance(BACKOFF);
        assertEquals(new DeliveryOutcome.Retrying(2, "receiver answered HTTP 500", BACKOFF.multipliedBy(2)),
                delivery.deliver(second));
        DeliveryJob third = onlyQueuedJob();
        clock.advance(BACKOFF.multipliedBy(2));
        assertEquals(new DeliveryOutcome.Delivered(3, 200), delivery.deliver(third));

        WebhookLog log = store.webhookLog(request.id()).orElseThrow();
        assertEquals(WebhookState.DELIVERED, log.state());
        assertEquals(List.of(503, 500, 200), log.attempts().stream().map(WebhookAttempt::httpStatus).toList());
        assertEquals(3, received.size());
    }

    @Test
    void duplicateMessageOfADeliveredAttemptIsSkipped() {
        StickerRequest request = completed(receiverBase + "/hook");
        DeliveryJob job = firstJob(request);
        delivery.deliver(job);

        assertInstanceOf(DeliveryOutcome.Skipped.class, delivery.deliver(job));
        assertEquals(1, received.size());
    }

    @Test
    void recordedFailureWhoseSuccessorWasLostIsResumedWithoutPostingAgain() {
        StickerRequest request = completed(receiverBase + "/hook");
        store.recordWebhookAttempt(request.id(), new WebhookAttempt(1, clock.instant(), 502, "receiver answered HTTP 502",
                5), WebhookState.QUEUED);

        assertInstanceOf(DeliveryOutcome.Retrying.class, delivery.deliver(firstJob(request)));

        assertEquals(0, received.size());
        assertEquals(2, onlyQueuedJob().attempt());
    }

    @Test
    void tenthFailedAttemptGivesUp() {
        StickerRequest request = completed(receiverBase + "/hook");
        for (int number = 1; number < WebhookDelivery.MAX_ATTEMPTS; number++) {
            store.recordWebhookAttempt(request.id(), new WebhookAttempt(number, clock.instant(), 0, "no answer", 1),
                    WebhookState.QUEUED);
        }
        answers.add(404);

        DeliveryOutcome outcome = delivery.deliver(new DeliveryJob(request.id(), WebhookDelivery.MAX_ATTEMPTS,
                clock.instant()));

        assertEquals(new DeliveryOutcome.GaveUp(10, "receiver answered HTTP 404"), outcome);
        assertEquals(WebhookState.GAVE_UP, store.webhookLog(request.id()).orElseThrow().state());
        assertEquals(10, store.webhookLog(request.id()).orElseThrow().attempts().size());
        assertTrue(queuedJobs().isEmpty(), "nothing more is queued");
    }

    @Test
    void privateAddressIsRefusedOnceAndNotRetried() {
        StickerRequest request = completed("http://10.1.2.3/hook");

        DeliveryOutcome outcome = delivery.deliver(firstJob(request));

        assertEquals(new DeliveryOutcome.GaveUp(1, "fal_webhook points to a private address"), outcome);
        assertEquals(WebhookState.GAVE_UP, store.webhookLog(request.id()).orElseThrow().state());
        assertTrue(queuedJobs().isEmpty());
    }

    @Test
    void waitLongerThanTheQueuesLongestDelayIsReachedInSteps() {
        StickerRequest request = completed(receiverBase + "/hook");
        DeliveryJob late = new DeliveryJob(request.id(), 9, clock.instant().plus(Duration.ofMinutes(32)));

        assertEquals(new DeliveryOutcome.Waiting(Duration.ofMinutes(32)), delivery.deliver(late));

        assertEquals(DeliveryQueue.MAX_DELAY, queue.lastDelay());
        assertEquals(late, onlyQueuedJob());
        assertEquals(0, received.size());
    }

    @Test
    void backoffSpansAboutTwoHoursOverTenAttempts() {
        Duration total = Duration.ZERO;
        for (int attempt = 1; attempt < WebhookDelivery.MAX_ATTEMPTS; attempt++) {
            total = total.plus(WebhookDelivery.waitAfter(attempt, WebhookSettings.DEFAULT_BACKOFF));
        }
        assertEquals(Duration.ofSeconds(15 * 511), total);
    }

    @Test
    void listenerFailureIsRepairedWhenTheDeadLetterReplays() {
        StickerRequest request = submitted(receiverBase + "/hook");
        AtomicInteger calls = new AtomicInteger();
        DeliveryQueue flaky = (job, delay) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("queue unavailable");
            }
            queue.enqueue(job, delay);
        };
        Completion completion = new Completion(store, new S3ObjectStore(clients::s3, clients::presigner,
                Settings.load().bucket()), List.of(new WebhookDispatch(store, flaky, clock)), clock);

        assertThrows(Completion.ListenerFailed.class, () -> completion.fail(request.id(), Failure.internal("boom")));
        assertEquals(Status.COMPLETED, store.find(request.id()).orElseThrow().status());
        assertTrue(store.webhookLog(request.id()).isEmpty(), "no delivery was queued");

        new DeadLetterService(store, completion).handle(request.id(), 3);

        assertEquals(request.id(), onlyQueuedJob().requestId());
        assertEquals(WebhookState.QUEUED, store.webhookLog(request.id()).orElseThrow().state());
        new DeadLetterService(store, completion).handle(request.id(), 3);
        assertTrue(queuedJobs().isEmpty(), "a second replay finds the delivery queued");
    }

    @Test
    void payloadThatCannotBeBuiltIsNullWithAnExplanation() throws Exception {
        StickerRequest broken = new StickerRequest("r-broken", ApiUrls.MODEL_ID, Status.COMPLETED,
                TestBilling.ONE_MEGAPIXEL, "{}", 1, new StickerResult(null, null, 1, false, false, "builtin"), null,
                List.of(), "https://example.com/hook", 1, 0, false, null, List.of(), Instant.EPOCH, null, Instant.EPOCH,
                Instant.EPOCH, Instant.EPOCH, 0);

        JsonNode body = JSON.readTree(FalWire.webhook(broken, URLS));

        assertTrue(body.get("payload").isNull());
        assertEquals("the result could not be serialised: NullPointerException", body.get("payload_error").textValue());
        assertEquals("OK", body.get("status").textValue());
    }

    private DeliveryJob firstJob(StickerRequest request) {
        return new DeliveryJob(request.id(), 1, clock.instant());
    }

    private DeliveryJob onlyQueuedJob() {
        List<DeliveryJob> jobs = queuedJobs();
        assertEquals(1, jobs.size(), "queued: " + jobs);
        return jobs.get(0);
    }

    private List<DeliveryJob> queuedJobs() {
        return queue.take();
    }

    private StickerRequest submitted(String webhookUrl) {
        Instant now = clock.instant();
        StickerRequest request = new StickerRequest(UUID.randomUUID().toString(), ApiUrls.MODEL_ID, Status.IN_QUEUE,
                TestBilling.ONE_MEGAPIXEL, "{\"image_url\":\"https://example.com/a.png\",\"prompt\":\"a person\"}", 1,
                null, null, List.of(), webhookUrl, 0, 0, false, null, List.of(), now, null, null, null, null,
                now.plus(Duration.ofDays(1)).getEpochSecond());
        assertTrue(store.create(request));
        return request;
    }

    private StickerRequest completed(String webhookUrl) {
        StickerRequest request = submitted(webhookUrl);
        StoredImage image = new StoredImage("results/" + request.id() + "/sticker.png", "image/png", "sticker.png",
                1234, 512, 512);
        store.complete(request.id(), new StickerResult(image, image, 42, false, false, "builtin"), clock.instant());
        return store.find(request.id()).orElseThrow();
    }

    private StickerRequest failed(String webhookUrl, Failure failure) {
        StickerRequest request = submitted(webhookUrl);
        store.fail(request.id(), failure, clock.instant());
        return store.find(request.id()).orElseThrow();
    }

    /** Keeps what was queued, and the delay of the last one. */
    private static final class RecordingQueue implements DeliveryQueue {
        private final List<DeliveryJob> jobs = new ArrayList<>();
        private Duration lastDelay;

        @Override
        public synchronized void enqueue(DeliveryJob job, Duration delay) {
            assertTrue(delay.compareTo(MAX_DELAY) <= 0 && !delay.isNegative(), "delay " + delay);
            jobs.add(job);
            lastDelay = delay;
        }

        synchronized List<DeliveryJob> take() {
            List<DeliveryJob> taken = List.copyOf(jobs);
            jobs.clear();
            return taken;
        }

        synchronized Duration lastDelay() {
            return lastDelay;
        }
    }
}
