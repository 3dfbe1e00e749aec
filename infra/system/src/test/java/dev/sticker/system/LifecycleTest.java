package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.settings.Config;
import dev.sticker.core.aws.S3ObjectStore;
import dev.sticker.core.config.Settings;
import dev.sticker.local.LocalCloud;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The seed's example request, end to end: API Gateway → Submit λ → queue → Worker λ → S3 → Fetch λ. */
class LifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration RENDER_TIMEOUT = Duration.ofSeconds(90);
    private static final List<String> STAGES = List.of("fetching input image", "detecting face", "segmenting person",
            "stylising", "encoding PNG", "storing results");

    private static QueueClient api;
    private static S3ObjectStore objects;

    @BeforeAll
    static void startCloud() {
        LocalCloud cloud = LocalCloud.shared();
        api = new QueueClient(cloud.apiUrl(), LocalAccount.ensure(cloud));
        SdkClients aws = new SdkClients(Config.system());
        objects = new S3ObjectStore(aws::s3, aws::presigner, Settings.load().bucket());
    }

    @Test
    void seedExampleWithADataUriGoesThroughEveryStateToTwoStickers() throws IOException {
        ObjectNode input = seedExample(Photos.dataUri("image/png", Photos.astronautPng()));

        QueueClient.Reply submitted = api.submit(input.toString());

        assertEquals(200, submitted.status(), submitted.json().toString());
        assertEquals("IN_QUEUE", submitted.text("status"));
        String id = submitted.text("request_id");
        assertEquals(id, submitted.headers().firstValue("x-fal-request-id").orElseThrow());
        List<String> seen = new ArrayList<>(List.of("IN_QUEUE"));
        QueueClient.Reply done = Await.completed(api, id, RENDER_TIMEOUT, seen);
        assertEquals(List.of("IN_QUEUE", "IN_PROGRESS", "COMPLETED"), seen);
        assertStagesLogged(done.json().path("logs"));

        QueueClient.Reply result = api.result(id);
        assertEquals(200, result.status(), result.json().toString());
        Stickers.assertValid(api, result.json(), 1024, 1024);
    }

    @Test
    void photoServedByTheLocalObjectStoreIsFetchedThroughTheGuard() throws IOException {
        String key = "uploads/" + UUID.randomUUID() + "/astronaut.png";
        objects.put(key, Photos.astronautPng(), "image/png");
        String url = objects.presignGet(key, Duration.ofMinutes(10)).toString();
        ObjectNode input = seedExample(url).put("image_size", "square");

        QueueClient.Reply submitted = api.submit(input.toString());

        assertEquals(200, submitted.status(), submitted.json().toString());
        String id = submitted.text("request_id");
        Await.completed(api, id, RENDER_TIMEOUT);
        QueueClient.Reply result = api.result(id);
        assertEquals(200, result.status(), result.json().toString());
        Stickers.assertValid(api, result.json(), 512, 512);
    }

    @Test
    void fileRouteRedirectsToAFreshPresignedUrl() {
        String key = "uploads/" + UUID.randomUUID() + "/note.png";
        objects.put(key, new byte[]{1, 2, 3}, "image/png");

        HttpResponse<String> redirect = api.fetch(filesUrl(key), false, HttpResponse.BodyHandlers.ofString());

        assertEquals(302, redirect.statusCode());
        assertTrue(redirect.headers().firstValue("Location").orElseThrow().contains("X-Amz-Signature="));
        assertEquals(404, api.fetch(filesUrl("secrets/" + UUID.randomUUID()), false,
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    /** The progress lines name every stage, in the order they ran. */
    private static void assertStagesLogged(JsonNode logs) {
        List<String> messages = new ArrayList<>();
        logs.forEach(line -> messages.add(line.path("message").asText()));
        int next = 0;
        for (String stage : STAGES) {
            int at = next;
            while (at < messages.size() && !messages.get(at).startsWith(stage)) {
                at++;
            }
            assertTrue(at < messages.size(), "'" + stage + "' logged after the stages before it: " + messages);
            next = at + 1;
        }
        logs.forEach(line -> assertEquals("USER", line.path("source").asText()));
    }

    static ObjectNode seedExample(String imageUrl) {
        ObjectNode input = JSON.createObjectNode();
        input.put("image_url", imageUrl);
        input.put("prompt", "a person");
        input.put("num_inference_steps", 20);
        input.put("guidance_scale", 4.5);
        input.put("instant_id_strength", 0.7);
        input.put("ip_adapter_weight", 0.2);
        input.put("ip_adapter_noise", 0.5);
        input.put("image_size", "square_hd");
        input.put("upscale_steps", 10);
        input.put("enable_safety_checker", true);
        return input;
    }

    private static String filesUrl(String key) {
        return LocalCloud.shared().apiUrl().toString().replaceAll("/$", "") + "/files/" + key;
    }
}
