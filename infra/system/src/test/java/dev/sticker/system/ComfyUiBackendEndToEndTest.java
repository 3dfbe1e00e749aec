package dev.sticker.system;

import dev.sticker.core.backend.ComfyUiStandIn;
import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code Backends=comfyui} end to end, the provider that never calls back: the worker uploads the photo and queues our
 * workflow at a stand-in written from ComfyUI's HTTP API, then follows the prompt with delayed check messages on the
 * job queue until its images are in our storage.
 */
class ComfyUiBackendEndToEndTest {

    private static final String SQUARE = "{\"image_url\":\"" + Photos.dataUri("image/png", Photos.astronautPng())
            + "\",\"prompt\":\"a person\",\"image_size\":\"square\",\"seed\":7}";

    private static ComfyUiStandIn comfyUi;
    private static LocalCloud cloud;
    private static QueueClient api;

    @BeforeAll
    static void start() {
        comfyUi = new ComfyUiStandIn("X-Proxy-Key", "proxy-secret");
        cloud = LocalCloud.start(new LocalCloudOptions(TestClouds.template(), null, 0, true, Map.of(
                "Backends", "comfyui", "ComfyUiUrl", comfyUi.url(), "ComfyUiHeader", "X-Proxy-Key: proxy-secret")));
        api = new QueueClient(cloud.apiUrl(), TestKeys.open(cloud, null, "1", 4, 1000).key());
    }

    @AfterAll
    static void stop() {
        cloud.close();
        comfyUi.close();
    }

    @Test
    void aPromptThatFinishesAtComfyUiIsFoundByPollingAndItsImagesServedByUs() {
        String id = api.submit(SQUARE).expectOk("submit").text("request_id");
        Await.until(() -> comfyUi.promptCount() > 0, Duration.ofSeconds(30));

        comfyUi.finish(comfyUi.onlyPromptId());

        assertEquals("COMPLETED", api.awaitCompleted(id, Duration.ofSeconds(60), Duration.ofMillis(200), s -> { })
                .text("status"));
        QueueClient.Reply result = api.result(id);
        assertEquals(200, result.status(), result.body());
        assertEquals(512, result.json().path("sticker_image").path("width").asInt());
        assertEquals("comfyui", TestClouds.requests(cloud).find(id).orElseThrow().result().backend());
    }
}
