package dev.sticker.core.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sticker.core.backend.CallbackReceiver.Received;
import dev.sticker.core.backend.ReplicateStandIn.Prediction;
import dev.sticker.core.port.BackendOutcome;
import dev.sticker.core.port.BackendOutcome.Fault;
import dev.sticker.core.port.GeneratedSticker;
import dev.sticker.core.port.RemoteBackend.CallbackReading;
import dev.sticker.core.request.Failure;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Replicate backend against a stand-in of Replicate's predictions API, with Standard-Webhooks-signed callbacks. */
class ReplicateBackendTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String TOKEN = "r8_stand_in_token";
    private static final String VERSION = "764d4827ea159608a07cdde8ddf1c6000019627515eb02b6b449695fd547e5ef";
    private static final String INPUT = "{\"image_url\":\"https://photos.example.com/original.jpg\","
            + "\"prompt\":\"a knight\",\"image_size\":\"square\"}";

    private final ReplicateStandIn replicate = new ReplicateStandIn(TOKEN);
    private final CallbackReceiver receiver = new CallbackReceiver();
    private final ReplicateBackend backend = backend(TOKEN);

    @AfterEach
    void stop() {
        replicate.close();
        receiver.close();
    }

    @Test
    void everyInputFieldIsSentUnderReplicatesName() {
        String input = "{\"image_url\":\"https://photos.example.com/original.jpg\",\"prompt\":\"a knight\","
                + "\"negative_prompt\":\"hats\",\"num_inference_steps\":33,\"guidance_scale\":7.5,"
                + "\"instant_id_strength\":0.55,\"ip_adapter_weight\":0.35,\"ip_adapter_noise\":0.25,"
                + "\"image_size\":{\"width\":640,\"height\":896},\"upscale\":true,\"upscale_steps\":12,"
                + "\"seed\":987,\"enable_safety_checker\":false}";

        backend.generate(Jobs.job("r1", input, 987));

        JsonNode sent = replicate.onlyPrediction().request.path("input");
        assertEquals(Set.of("image", "prompt", "negative_prompt", "steps", "prompt_strength", "width", "height",
                "instant_id_strength", "ip_adapter_weight", "ip_adapter_noise", "upscale", "upscale_steps", "seed"),
                fieldNames(sent));
        assertEquals(Jobs.PHOTO_URL, sent.get("image").textValue());
        assertEquals("a knight", sent.get("prompt").textValue());
        assertEquals("hats", sent.get("negative_prompt").textValue());
        assertEquals(33, sent.get("steps").intValue());
        assertEquals(7.5, sent.get("prompt_strength").doubleValue());
        assertEquals(640, sent.get("width").intValue());
        assertEquals(896, sent.get("height").intValue());
        assertEquals(0.55, sent.get("instant_id_strength").doubleValue());
        assertEquals(0.35, sent.get("ip_adapter_weight").doubleValue());
        assertEquals(0.25, sent.get("ip_adapter_noise").doubleValue());
        assertEquals(true, sent.get("upscale").booleanValue());
        assertEquals(12, sent.get("upscale_steps").intValue());
        assertEquals(987, sent.get("seed").longValue());
    }

    @Test
    void aPresetSizeBecomesItsWidthAndHeightAndTheDrawnSeedIsSent() {
        backend.generate(Jobs.job("r1", "{\"image_url\":\"https://photos.example.com/a.jpg\",\"prompt\":\"p\","
                + "\"image_size\":\"portrait_4_3\"}", 42));

        JsonNode sent = replicate.onlyPrediction().request.path("input");
        assertEquals(768, sent.get("width").intValue());
        assertEquals(1024, sent.get("height").intValue());
        assertEquals(42, sent.get("seed").longValue());
    }

    @Test
    void createsAPredictionOfTheVersionWithTheTokenAndACompletedOnlyWebhook() {
        BackendOutcome outcome = backend.generate(Jobs.job("r1", INPUT, 1234));

        Prediction prediction = replicate.onlyPrediction();
        assertEquals(new BackendOutcome.Pending(prediction.id), outcome);
        assertEquals("Bearer " + TOKEN, prediction.authorization);
        assertEquals(VERSION, prediction.request.path("version").textValue());
        assertEquals(receiver.baseUrl() + "/webhooks/replicate/r1", prediction.request.path("webhook").textValue());
        assertEquals(Json.MAPPER.createArrayNode().add("completed"),
                prediction.request.path("webhook_events_filter"));
    }

    @Test
    void aSignedWebhookDeliversBothImagesAndTheSeed() {
        Prediction prediction = created();
        replicate.succeed(prediction);

        StandIn.post(replicate.webhook(prediction, "msg_1", NOW));
        Received callback = receiver.only();
        assertEquals("/webhooks/replicate/r1", callback.path());
        CallbackReading reading = backend.readCallback("r1", callback.headers(), callback.body(), NOW);

        CallbackReading.Accepted accepted = assertInstanceOf(CallbackReading.Accepted.class, reading);
        assertEquals(prediction.id, accepted.upstreamId());
        GeneratedSticker sticker = Jobs.load(accepted.outcome());
        assertEquals(512, sticker.width());
        assertEquals(512, sticker.height());
        assertEquals(1234, sticker.seed());
        assertFalse(sticker.stickerNsfw() || sticker.backgroundRemovedNsfw());
    }

    @Test
    void aLostWebhookIsRecoveredByPolling() {
        Prediction prediction = created();
        assertEquals(new BackendOutcome.Pending(prediction.id), backend.poll(prediction.id));

        replicate.succeed(prediction);

        GeneratedSticker sticker = Jobs.load(backend.poll(prediction.id));
        assertEquals(512, sticker.height());
        assertEquals(1234, sticker.seed());
    }

    @Test
    void aDuplicateWebhookReadsTheSame() {
        Prediction prediction = created();
        replicate.succeed(prediction);
        StandIn.Delivery webhook = replicate.webhook(prediction, "msg_1", NOW);
        StandIn.post(webhook);
        StandIn.post(webhook);

        List<Received> callbacks = receiver.received();

        assertEquals(2, callbacks.size());
        CallbackReading first = backend.readCallback("r1", callbacks.get(0).headers(), callbacks.get(0).body(), NOW);
        assertInstanceOf(CallbackReading.Accepted.class, first);
        assertEquals(first, backend.readCallback("r1", callbacks.get(1).headers(), callbacks.get(1).body(), NOW));
    }

    @Test
    void aTamperedBodyAStaleTimestampAnotherSecretAndMissingHeadersAreRefused() {
        Prediction prediction = created();
        replicate.succeed(prediction);
        StandIn.Delivery genuine = replicate.webhook(prediction, "msg_1", NOW);
        byte[] tampered = new String(genuine.body(), StandardCharsets.UTF_8).replace("succeeded", "failed")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> otherId = new HashMap<>(genuine.headers());
        otherId.put("webhook-id", "msg_2");

        assertRefused(backend.readCallback("r1", genuine.headers(), tampered, NOW));
        assertRefused(backend.readCallback("r1", otherId, genuine.body(), NOW));
        assertRefused(backend.readCallback("r1", genuine.headers(), genuine.body(), NOW.plusSeconds(301)));
        StandIn.Delivery stale = replicate.webhook(prediction, "msg_1", NOW.minusSeconds(600));
        assertRefused(backend.readCallback("r1", stale.headers(), stale.body(), NOW));
        StandIn.Delivery foreign = replicate.webhook(prediction, "msg_1", NOW, "whsec_c29tZW9uZSBlbHNlcyBzZWNyZXQ=");
        assertRefused(backend.readCallback("r1", foreign.headers(), foreign.body(), NOW));
        assertRefused(backend.readCallback("r1", Map.of(), genuine.body(), NOW));
    }

    @Test
    void oneMatchingSignatureAmongSeveralIsEnough() {
        Prediction prediction = created();
        replicate.succeed(prediction);
        StandIn.Delivery genuine = replicate.webhook(prediction, "msg_1", NOW);
        Map<String, String> headers = new HashMap<>(genuine.headers());
        headers.put("Webhook-Signature", "v1,bm90IGl0 v2,aWdub3JlZA== " + headers.remove("webhook-signature"));

        assertInstanceOf(CallbackReading.Accepted.class, backend.readCallback("r1", headers, genuine.body(), NOW));
    }

    @Test
    void replicatesRefusalOfAFieldIsTheCallersUnderOurFieldsName() {
        replicate.answerCreates(422, "{\"title\":\"Input validation failed\",\"status\":422,"
                + "\"detail\":\"- input.steps: Must be less than or equal to 50\","
                + "\"invalid_fields\":[{\"type\":\"less_than_equal\",\"field\":\"input.steps\","
                + "\"description\":\"Must be less than or equal to 50\"}]}");

        BackendOutcome outcome = backend.generate(Jobs.job("r1", INPUT, 1234));

        assertEquals(BackendOutcome.Failed.callers(Failure.invalidInput("num_inference_steps", "less_than_equal",
                "Must be less than or equal to 50")), outcome);
    }

    @Test
    void outagesCredentialsBalanceAndRateLimitsAreReplicatesFault() {
        for (int status : List.of(500, 503, 401, 402, 403, 429)) {
            replicate.answerCreates(status, "{\"title\":\"nope\",\"status\":" + status + "}");

            BackendOutcome.Failed failed = assertInstanceOf(BackendOutcome.Failed.class,
                    backend.generate(Jobs.job("r1", INPUT, 1234)), "HTTP " + status);

            assertEquals(Fault.PROVIDER, failed.fault(), "HTTP " + status);
        }
    }

    @Test
    void aWrongTokenIsReplicatesFault() {
        BackendOutcome outcome = backend("r8_wrong").generate(Jobs.job("r1", INPUT, 1234));

        assertEquals(BackendOutcome.Failed.providers(Failure.internal("replicate refused our credentials (HTTP 401)")),
                outcome);
    }

    @Test
    void noFaceIsTheCallersAndAnyOtherFailureReplicates() {
        Prediction prediction = created();
        replicate.fail(prediction, "ValueError: No face detected in the input image");

        assertEquals(BackendOutcome.Failed.callers(Failure.invalidInput("image_url", "value_error.no_face",
                "No face found in the image")), backend.poll(prediction.id));

        replicate.fail(prediction, "CUDA out of memory");
        StandIn.post(replicate.webhook(prediction, "msg_1", NOW));
        Received callback = receiver.only();
        CallbackReading reading = backend.readCallback("r1", callback.headers(), callback.body(), NOW);
        BackendOutcome.Failed failed = assertInstanceOf(BackendOutcome.Failed.class,
                assertInstanceOf(CallbackReading.Accepted.class, reading).outcome());
        assertEquals(Fault.PROVIDER, failed.fault());
    }

    @Test
    void cancellingReachesReplicate() {
        Prediction prediction = created();

        backend.cancel(prediction.id);

        assertEquals(List.of(prediction.id), replicate.cancels());
        assertEquals(Fault.PROVIDER, assertInstanceOf(BackendOutcome.Failed.class, backend.poll(prediction.id))
                .fault());
    }

    @Test
    void aWebhookSecretThatIsNotBase64IsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> new ReplicateBackend(replicate.url(), VERSION, TOKEN,
                "whsec_not base64!", new ApiUrls(receiver.baseUrl()), Jobs.HTTP));
    }

    private Prediction created() {
        assertInstanceOf(BackendOutcome.Pending.class, backend.generate(Jobs.job("r1", INPUT, 1234)));
        return replicate.onlyPrediction();
    }

    private ReplicateBackend backend(String token) {
        return new ReplicateBackend(replicate.url(), VERSION, token, replicate.webhookSecret(),
                new ApiUrls(receiver.baseUrl()), Jobs.HTTP);
    }

    private static void assertRefused(CallbackReading reading) {
        assertEquals(401, assertInstanceOf(CallbackReading.Refused.class, reading).status());
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
