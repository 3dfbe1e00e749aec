package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.backend.ReplicateStandIn;
import dev.sticker.core.backend.StandIn;
import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;
import dev.sticker.settings.Setting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Backends=replicate,builtin} end to end: the worker creates a prediction at a stand-in written from Replicate's
 * predictions API, Replicate's signed webhook comes back through our webhook route, and both images are copied into
 * our storage before Replicate would delete them. The token and webhook secret are given as the functions read them.
 */
class ReplicateBackendEndToEndTest {

    private static final String TOKEN = "r8_stand-in-token";
    private static final String INPUT = "{\"image_url\":\"" + Photos.dataUri("image/png", Photos.astronautPng())
            + "\",\"prompt\":\"a knight\",\"image_size\":\"square\",\"num_inference_steps\":12,\"seed\":7}";

    private static ReplicateStandIn replicate;
    private static LocalCloud cloud;
    private static SecretProperties secrets;
    private static QueueClient api;
    private static DynamoRequestStore store;

    @BeforeAll
    static void start() {
        replicate = new ReplicateStandIn(TOKEN);
        int apiPort = TestClouds.freePort();
        cloud = LocalCloud.start(new LocalCloudOptions(TestClouds.template(), null, apiPort, true, Map.of(
                "Backends", "replicate,builtin", "ReplicateApiUrl", replicate.url(),
                "PublicBaseUrl", "http://127.0.0.1:" + apiPort)));
        // Set before the functions start, which read them at their first call.
        secrets = new SecretProperties(Map.of(Setting.REPLICATE_API_TOKEN, TOKEN,
                Setting.REPLICATE_WEBHOOK_SECRET, replicate.webhookSecret()));
        api = new QueueClient(cloud.apiUrl(), TestKeys.open(cloud, null, "1", 4, 1000).key());
        store = TestClouds.requests(cloud);
    }

    @AfterAll
    static void stop() {
        cloud.close();
        replicate.close();
        secrets.close();
    }

    @AfterEach
    void forgetPredictions() {
        replicate.forgetPredictions();
    }

    @Test
    void aStickerMadeAtReplicateReachesTheCallerFromOurOwnStorage() {
        String id = submitted();
        ReplicateStandIn.Prediction prediction = awaitCreatedAtReplicate();
        assertEquals("Bearer " + TOKEN, prediction.authorization);
        JsonNode sent = prediction.request.path("input");
        assertEquals("a knight", sent.path("prompt").asText());
        assertEquals(12, sent.path("steps").asInt(), "num_inference_steps is Replicate's steps");
        assertEquals(512, sent.path("width").asInt(), "the square preset's width");
        assertEquals(7, sent.path("seed").asLong());

        replicate.succeed(prediction);
        StandIn.Delivery webhook = replicate.webhook(prediction, "msg_1", Instant.now());
        assertEquals(200, StandIn.post(webhook), "our webhook route takes Replicate's callback");
        assertEquals(200, StandIn.post(webhook), "Replicate delivering it again changes nothing");

        assertEquals("COMPLETED", awaitCompleted(id).text("status"));
        QueueClient.Reply result = api.result(id);
        assertEquals(200, result.status(), result.body());
        for (String image : List.of("sticker_image", "sticker_image_background_removed")) {
            String url = result.json().path(image).path("url").asText();
            assertTrue(url.startsWith(cloud.apiUrl() + "/files/results/"), "served from our storage: " + url);
            assertEquals(512, result.json().path(image).path("width").asInt());
        }
        assertEquals("replicate", store.find(id).orElseThrow().result().backend(), "the usage record names Replicate");
    }

    @Test
    void aWebhookNotSignedWithTheAccountsSecretChangesNothing() {
        String id = submitted();
        ReplicateStandIn.Prediction prediction = awaitCreatedAtReplicate();
        replicate.succeed(prediction);

        byte[] otherKey = new byte[24];
        new SecureRandom().nextBytes(otherKey);
        String otherSecret = "whsec_" + Base64.getEncoder().encodeToString(otherKey);
        assertEquals(401, StandIn.post(replicate.webhook(prediction, "msg_2", Instant.now(), otherSecret)));
        assertEquals("IN_PROGRESS", api.status(id).text("status"));

        assertEquals(200, StandIn.post(replicate.webhook(prediction, "msg_3", Instant.now())));
        assertEquals("COMPLETED", awaitCompleted(id).text("status"));
    }

    @Test
    void cancellingARequestCancelsItAtReplicateToo() {
        String id = submitted();
        ReplicateStandIn.Prediction prediction = awaitCreatedAtReplicate();

        assertEquals(202, api.cancel(id).status());

        Await.until(() -> replicate.cancels().contains(prediction.id), Duration.ofSeconds(30));
        assertEquals(List.of(prediction.id), replicate.cancels());
        assertEquals(400, api.result(id).status(), "cancelled");
    }

    private static String submitted() {
        return api.submit(INPUT).expectOk("submit").text("request_id");
    }

    private static QueueClient.Reply awaitCompleted(String id) {
        return api.awaitCompleted(id, Duration.ofSeconds(60), Duration.ofMillis(200), status -> { });
    }

    private static ReplicateStandIn.Prediction awaitCreatedAtReplicate() {
        Await.until(() -> replicate.predictionCount() > 0, Duration.ofSeconds(30));
        return replicate.onlyPrediction();
    }
}
