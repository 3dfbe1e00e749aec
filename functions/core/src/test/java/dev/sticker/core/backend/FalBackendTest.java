package dev.sticker.core.backend;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.backend.CallbackReceiver.Received;
import dev.sticker.core.backend.FalQueueStandIn.Job;
import dev.sticker.core.guard.GuardedHttp;
import dev.sticker.core.guard.RequestForgeryGuard;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.port.BackendOutcome;
import dev.sticker.core.port.BackendOutcome.Fault;
import dev.sticker.core.port.GeneratedSticker;
import dev.sticker.core.port.RemoteBackend.CallbackReading;
import dev.sticker.core.request.Failure;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fal backend against a stand-in of fal's queue on loopback, with real Ed25519-signed webhooks. */
class FalBackendTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String KEY = "key-id:key-secret";
    private static final String INPUT = "{\"image_url\":\"https://photos.example.com/original.jpg\","
            + "\"prompt\":\"a knight\",\"image_size\":\"square\",\"guidance_scale\":6.5}";

    private final FalQueueStandIn fal = new FalQueueStandIn(KEY);
    private final CallbackReceiver receiver = new CallbackReceiver();
    private final MutableClock clock = new MutableClock(NOW);
    private final FalBackend backend = backend(fal.url(), Jobs.HTTP);

    @AfterEach
    void stop() {
        fal.close();
        receiver.close();
    }

    @Test
    void submitsTheInputUnchangedWithThePhotoUrlTheKeyAndOurCallback() throws IOException {
        BackendOutcome outcome = backend.generate(Jobs.job("r1", INPUT, 1234));

        Job job = fal.onlyJob();
        assertEquals(new BackendOutcome.Pending(job.id), outcome);
        assertEquals("Key " + KEY, job.authorization);
        assertEquals(receiver.baseUrl() + "/webhooks/fal/r1", job.webhookUrl);
        ObjectNode expected = InputSchema.toJsonNode(Jobs.input(INPUT).withSeed(1234));
        expected.put("image_url", Jobs.PHOTO_URL);
        assertEquals(Json.MAPPER.readTree(expected.toString()), job.input);
    }

    @Test
    void aSignedWebhookDeliversBothImagesTheSeedAndTheSafetyFlags() {
        Job job = submitted();
        fal.finish(job);

        assertEquals(200, StandIn.post(fal.webhook(job, NOW)));
        Received callback = receiver.only();
        assertEquals("/webhooks/fal/r1", callback.path());
        CallbackReading reading = backend.readCallback("r1", callback.headers(), callback.body(), NOW);

        CallbackReading.Accepted accepted = assertInstanceOf(CallbackReading.Accepted.class, reading);
        assertEquals(job.id, accepted.upstreamId());
        GeneratedSticker sticker = Jobs.load(accepted.outcome());
        assertEquals(512, sticker.width());
        assertEquals(512, sticker.height());
        assertEquals(1234, sticker.seed());
        assertFalse(sticker.stickerNsfw());
        assertTrue(sticker.backgroundRemovedNsfw());
    }

    @Test
    void aLostWebhookIsRecoveredByPolling() {
        Job job = submitted();
        assertEquals(new BackendOutcome.Pending(job.id), backend.poll(job.id));

        fal.finish(job);

        GeneratedSticker sticker = Jobs.load(backend.poll(job.id));
        assertEquals(512, sticker.width());
        assertEquals(1234, sticker.seed());
        assertTrue(receiver.received().isEmpty());
    }

    @Test
    void aWebhookWithoutItsPayloadFetchesTheResult() {
        Job job = submitted();
        fal.finish(job);
        StandIn.post(fal.webhookWithoutPayload(job, NOW));
        Received callback = receiver.only();

        CallbackReading reading = backend.readCallback("r1", callback.headers(), callback.body(), NOW);

        assertEquals(512, Jobs.load(assertInstanceOf(CallbackReading.Accepted.class, reading).outcome()).height());
    }

    @Test
    void falsValidationErrorIsTheCallersWithItsField() {
        Job job = submitted();
        fal.refuseInput(job, "image_url", "Could not download the image", "value_error.image_url");
        StandIn.post(fal.webhook(job, NOW));
        Received callback = receiver.only();

        CallbackReading reading = backend.readCallback("r1", callback.headers(), callback.body(), NOW);

        BackendOutcome.Failed expected = BackendOutcome.Failed.callers(Failure.invalidInput("image_url",
                "value_error.image_url", "Could not download the image"));
        assertEquals(new CallbackReading.Accepted(job.id, expected), reading);
        assertEquals(expected, backend.poll(job.id));
    }

    @Test
    void aSubmitRefusedWith422IsTheCallersWithFalsFieldAndMessage() {
        fal.answerSubmits(422, "{\"detail\":[{\"loc\":[\"body\",\"image_size\",\"width\"],"
                + "\"msg\":\"Input should be less than or equal to 2048\",\"type\":\"less_than_equal\"}]}");

        BackendOutcome outcome = backend.generate(Jobs.job("r1", INPUT, 1234));

        assertEquals(BackendOutcome.Failed.callers(Failure.invalidInput("image_size.width", "less_than_equal",
                "Input should be less than or equal to 2048")), outcome);
    }

    @Test
    void anErrorThatIsNotAboutTheInputIsFalsFault() {
        Job job = submitted();
        fal.crash(job);
        StandIn.post(fal.webhook(job, NOW));
        Received callback = receiver.only();

        CallbackReading reading = backend.readCallback("r1", callback.headers(), callback.body(), NOW);

        BackendOutcome.Failed failed = assertInstanceOf(BackendOutcome.Failed.class,
                assertInstanceOf(CallbackReading.Accepted.class, reading).outcome());
        assertEquals(Fault.PROVIDER, failed.fault());
        assertEquals(Fault.PROVIDER, assertInstanceOf(BackendOutcome.Failed.class, backend.poll(job.id)).fault());
    }

    @Test
    void outagesCredentialsAndRateLimitsAreFalsFault() {
        for (int status : List.of(500, 502, 503, 401, 403, 429)) {
            fal.answerSubmits(status, "{\"detail\":\"nope\"}");

            BackendOutcome outcome = backend.generate(Jobs.job("r1", INPUT, 1234));

            BackendOutcome.Failed failed = assertInstanceOf(BackendOutcome.Failed.class, outcome, "HTTP " + status);
            assertEquals(Fault.PROVIDER, failed.fault(), "HTTP " + status);
            assertEquals(500, failed.failure().httpStatus(), "HTTP " + status);
        }
    }

    @Test
    void aWrongKeyIsFalsFaultAndNeverTheCallers() {
        FalBackend wrongKey = new FalBackend(fal.url(), fal.url() + "/.well-known/jwks.json", "someone-else",
                new ApiUrls(receiver.baseUrl()), Jobs.HTTP, clock);

        BackendOutcome.Failed failed = assertInstanceOf(BackendOutcome.Failed.class,
                wrongKey.generate(Jobs.job("r1", INPUT, 1234)));

        assertEquals(BackendOutcome.Failed.providers(Failure.internal("fal refused our credentials (HTTP 401)")),
                failed);
    }

    @Test
    void noConnectionAndNoAnswerInTimeAreFalsFault() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        BackendOutcome refused = backend("http://127.0.0.1:" + closedPort, Jobs.HTTP)
                .generate(Jobs.job("r1", INPUT, 1234));
        assertEquals(Fault.PROVIDER, assertInstanceOf(BackendOutcome.Failed.class, refused).fault());

        fal.hangOnSubmit();
        GuardedHttp impatient = new GuardedHttp(Jobs.GUARD, Duration.ofSeconds(1), Duration.ofMillis(300), 1024);
        BackendOutcome silent = backend(fal.url(), impatient).generate(Jobs.job("r1", INPUT, 1234));
        assertEquals(BackendOutcome.Failed.providers(Failure.internal("fal unreachable: no answer within 0.3 s")),
                silent);
    }

    @Test
    void aQueueUrlTheGuardRefusesIsNeverCalled() {
        GuardedHttp strict = new GuardedHttp(new RequestForgeryGuard(List.of()), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1024);

        BackendOutcome outcome = backend(fal.url(), strict).generate(Jobs.job("r1", INPUT, 1234));

        assertEquals(Fault.PROVIDER, assertInstanceOf(BackendOutcome.Failed.class, outcome).fault());
        assertEquals(0, fal.jobCount());
    }

    @Test
    void aTamperedBodyAStaleTimestampAndAForeignKeyAreRefused() {
        Job job = submitted();
        fal.finish(job);
        StandIn.Delivery genuine = fal.webhook(job, NOW);
        byte[] tampered = new String(genuine.body(), StandardCharsets.UTF_8).replace("\"seed\":1234", "\"seed\":1")
                .getBytes(StandardCharsets.UTF_8);

        assertRefused(backend.readCallback("r1", genuine.headers(), tampered, NOW));
        assertRefused(backend.readCallback("r1", genuine.headers(), genuine.body(), NOW.plusSeconds(301)));
        StandIn.Delivery stale = fal.webhook(job, NOW.minusSeconds(600));
        assertRefused(backend.readCallback("r1", stale.headers(), stale.body(), NOW));
        StandIn.Delivery forged = fal.webhook(job, NOW, FalQueueStandIn.generateKey().getPrivate());
        assertRefused(backend.readCallback("r1", forged.headers(), forged.body(), NOW));
        assertRefused(backend.readCallback("r1", Map.of(), genuine.body(), NOW));
        assertInstanceOf(CallbackReading.Accepted.class,
                backend.readCallback("r1", genuine.headers(), genuine.body(), NOW.plusSeconds(300)));
    }

    @Test
    void aDuplicateWebhookReadsTheSame() {
        Job job = submitted();
        fal.finish(job);
        StandIn.Delivery webhook = fal.webhook(job, NOW);
        StandIn.post(webhook);
        StandIn.post(webhook);

        List<Received> callbacks = receiver.received();

        assertEquals(2, callbacks.size());
        CallbackReading first = backend.readCallback("r1", callbacks.get(0).headers(), callbacks.get(0).body(), NOW);
        CallbackReading second = backend.readCallback("r1", callbacks.get(1).headers(), callbacks.get(1).body(), NOW);
        assertInstanceOf(CallbackReading.Accepted.class, first);
        assertEquals(first, second);
    }

    @Test
    void theJwksIsFetchedOnceAndAgainWhenFalRotatesItsKey() {
        Job job = submitted();
        fal.finish(job);
        StandIn.Delivery before = fal.webhook(job, NOW);
        assertInstanceOf(CallbackReading.Accepted.class, backend.readCallback("r1", before.headers(), before.body(),
                NOW));
        assertInstanceOf(CallbackReading.Accepted.class, backend.readCallback("r1", before.headers(), before.body(),
                NOW));
        assertEquals(1, fal.jwksFetches());

        fal.rotateKey();
        StandIn.Delivery after = fal.webhook(job, NOW);

        assertInstanceOf(CallbackReading.Accepted.class, backend.readCallback("r1", after.headers(), after.body(),
                NOW));
        assertEquals(2, fal.jwksFetches());
    }

    @Test
    void forgedWebhooksFetchTheJwksAgainAtMostOncePerInterval() {
        Job job = submitted();
        fal.finish(job);
        StandIn.Delivery forged = fal.webhook(job, NOW, FalQueueStandIn.generateKey().getPrivate());

        assertRefused(backend.readCallback("r1", forged.headers(), forged.body(), NOW));
        assertRefused(backend.readCallback("r1", forged.headers(), forged.body(), NOW));
        assertEquals(2, fal.jwksFetches());

        clock.advance(FalJwks.REFETCH_INTERVAL);
        assertRefused(backend.readCallback("r1", forged.headers(), forged.body(), NOW));
        assertEquals(3, fal.jwksFetches());
    }

    @Test
    void cancellingReachesFal() {
        Job job = submitted();

        backend.cancel(job.id);

        assertEquals(List.of(job.id), fal.cancels());
    }

    @Test
    void cancellingAnUnreachableQueueDoesNotThrow() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        backend("http://127.0.0.1:" + closedPort, Jobs.HTTP).cancel("some-id");
        assertTrue(fal.cancels().isEmpty());
    }

    private Job submitted() {
        assertInstanceOf(BackendOutcome.Pending.class, backend.generate(Jobs.job("r1", INPUT, 1234)));
        return fal.onlyJob();
    }

    private static void assertRefused(CallbackReading reading) {
        assertEquals(401, assertInstanceOf(CallbackReading.Refused.class, reading).status());
    }

    private FalBackend backend(String queueUrl, GuardedHttp http) {
        return new FalBackend(queueUrl, fal.url() + "/.well-known/jwks.json", KEY, new ApiUrls(receiver.baseUrl()),
                http, clock);
    }
}
