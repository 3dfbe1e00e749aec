package dev.sticker.system;

import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.backend.FalQueueStandIn;
import dev.sticker.core.backend.StandIn;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;
import dev.sticker.settings.Setting;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Backends=fal,builtin} end to end: our API unchanged for callers, generation at fal (a stand-in written from
 * fal's queue and webhook protocol, on loopback), results copied into our storage, and the built-in engine when fal
 * fails. A cloud of its own, with the fal key given as the functions read it.
 */
class FalBackendEndToEndTest {

    private static final String FAL_KEY = "stand-in-key-id:stand-in-key-secret";
    private static final String SQUARE = "{\"image_url\":\"" + Photos.dataUri("image/png", Photos.astronautPng())
            + "\",\"prompt\":\"a person\",\"image_size\":\"square\",\"seed\":7}";

    private static FalQueueStandIn fal;
    private static LocalCloud cloud;
    private static QueueClient api;
    private static DynamoRequestStore store;
    private static SecretProperties secrets;

    @BeforeAll
    static void start() {
        fal = new FalQueueStandIn(FAL_KEY);
        int apiPort = TestClouds.freePort();
        cloud = LocalCloud.start(new LocalCloudOptions(TestClouds.template(), null, apiPort, true, Map.of(
                "Backends", "fal,builtin", "FalQueueUrl", fal.url(), "FalJwksUrl", fal.url() + "/.well-known/jwks.json",
                "PublicBaseUrl", "http://127.0.0.1:" + apiPort)));
        // As the local cloud takes it from FAL_KEY; set before the functions start.
        secrets = new SecretProperties(Map.of(Setting.FAL_KEY, FAL_KEY));
        api = new QueueClient(cloud.apiUrl(), TestKeys.open(cloud, null, "1", 4, 1000).key());
        store = TestClouds.requests(cloud);
    }

    @AfterAll
    static void stop() {
        cloud.close();
        fal.close();
        secrets.close();
    }

    @BeforeEach
    void falAcceptsSubmits() {
        fal.answerSubmits(200, "");
    }

    @AfterEach
    void forgetJobs() {
        fal.forgetJobs();
    }

    @Test
    void aStickerMadeAtFalReachesTheCallerFromOurOwnStorage() {
        String id = submitted();
        FalQueueStandIn.Job job = awaitSubmittedToFal();
        assertEquals("Key " + FAL_KEY, job.authorization());
        assertEquals("a person", job.input().path("prompt").asText());

        fal.finish(job);
        StandIn.Delivery callback = fal.webhook(job, Instant.now());
        assertEquals(200, StandIn.post(callback), "our webhook route takes fal's callback");
        assertEquals(200, StandIn.post(callback), "fal delivering it again changes nothing");

        assertEquals("COMPLETED", api.awaitCompleted(id, Duration.ofSeconds(60), Duration.ofMillis(200), s -> { })
                .text("status"));
        QueueClient.Reply result = api.result(id);
        assertEquals(200, result.status(), result.body());
        String url = result.json().path("sticker_image").path("url").asText();
        assertTrue(url.startsWith(cloud.apiUrl() + "/files/results/"), "served from our storage: " + url);
        assertEquals(512, result.json().path("sticker_image").path("width").asInt());
        assertEquals("fal", store.find(id).orElseThrow().result().backend(), "the usage record names fal");
    }

    @Test
    void falsOwnRefusalOfTheInputIsTheCallersError() {
        String id = submitted();
        FalQueueStandIn.Job job = awaitSubmittedToFal();

        fal.refuseInput(job, "image_url", "Could not find a face in the image.", "value_error.no_face");
        StandIn.post(fal.webhook(job, Instant.now()));

        api.awaitCompleted(id, Duration.ofSeconds(60), Duration.ofMillis(200), s -> { });
        QueueClient.Reply result = api.result(id);
        assertEquals(422, result.status());
        assertEquals("value_error.no_face", result.json().path("detail").get(0).path("type").asText());
    }

    @Test
    void aCallbackThatNeverCameIsRecoveredByPolling() {
        String id = submitted();
        FalQueueStandIn.Job job = awaitSubmittedToFal();
        fal.finish(job);

        // The check the worker queued for later, arriving now.
        TestClouds.sendJob(cloud, id);

        assertEquals("COMPLETED", api.awaitCompleted(id, Duration.ofSeconds(60), Duration.ofMillis(200), s -> { })
                .text("status"));
        assertEquals(200, api.result(id).status());
    }

    @Test
    void whenFalIsDownTheBuiltinEngineMakesTheSticker() {
        fal.answerSubmits(503, "{\"detail\":\"Service Unavailable\"}");
        String id = submitted();

        assertEquals("COMPLETED", api.awaitCompleted(id, Duration.ofSeconds(90), Duration.ofMillis(200), s -> { })
                .text("status"));

        StickerRequest done = store.find(id).orElseThrow();
        assertEquals("builtin", done.result().backend());
        assertTrue(done.logs().stream().anyMatch(line -> line.message().startsWith("the fal backend failed")),
                done.logs().toString());
    }

    @Test
    void cancellingARequestCancelsItAtFalToo() {
        String id = submitted();
        FalQueueStandIn.Job job = awaitSubmittedToFal();

        assertEquals(202, api.cancel(id).status());

        Await.until(() -> fal.cancels().contains(job.id()), Duration.ofSeconds(30));
        assertEquals(List.of(job.id()), fal.cancels());
        assertEquals(400, api.result(id).status(), "cancelled");
    }

    private static String submitted() {
        return api.submit(SQUARE).expectOk("submit").text("request_id");
    }

    private static FalQueueStandIn.Job awaitSubmittedToFal() {
        Await.until(() -> fal.jobCount() > 0, Duration.ofSeconds(30));
        return fal.onlyJob();
    }
}
