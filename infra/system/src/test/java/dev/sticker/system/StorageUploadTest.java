package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.local.LocalCloud;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storage uploads, the inline-photo limit and the status stream, over the local cloud's API Gateway. */
class StorageUploadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static QueueClient api;

    @BeforeAll
    static void startCloud() {
        api = TestKeys.adminClient();
    }

    private static String base() {
        return LocalCloud.shared().apiUrl().toString().replaceAll("/$", "");
    }

    @Test
    void uploadedPhotoIsServedAndRenderedFromItsFileUrl() throws Exception {
        QueueClient.Reply initiated = api.post("/storage/upload/initiate?storage_type=fal-cdn-v3",
                "{\"content_type\":\"image/png\",\"file_name\":\"my astronaut.png\"}", Map.of());
        assertEquals(200, initiated.status(), initiated.json().toString());
        String fileUrl = initiated.text("file_url");
        assertTrue(fileUrl.matches(".*/files/uploads/" + LocalAccount.ID + "/[0-9a-f-]{36}/my_astronaut\\.png"),
                fileUrl);

        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(initiated.text("upload_url")))
                .header("Content-Type", "image/png")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Photos.astronautPng())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, put.statusCode(), put.body());
        // fal's client parses a JSON content type as JSON and fails on an empty body.
        assertFalse(put.body().isEmpty() && put.headers().firstValue("Content-Type").orElse("").contains("json"));
        assertArrayEquals(Photos.astronautPng(), api.download(fileUrl));
        String id = api.submit("{\"image_url\":\"" + fileUrl + "\",\"prompt\":\"a person\",\"image_size\":\"square\"}")
                .text("request_id");
        Await.completed(api, id, LifecycleTest.RENDER_TIMEOUT);
        assertEquals(200, api.result(id).status());
    }

    @Test
    void onlyImagesMayBeUploadedAndMultipartIsRefused() {
        QueueClient.Reply text = api.post("/storage/upload/initiate",
                "{\"content_type\":\"text/html\",\"file_name\":\"page.html\"}", Map.of());
        assertEquals(422, text.status());
        assertEquals("content_type", text.json().path("detail").get(0).path("loc").get(1).asText());

        QueueClient.Reply multipart = api.post("/storage/upload/initiate-multipart",
                "{\"content_type\":\"image/png\",\"file_name\":\"huge.png\"}", Map.of());
        assertEquals(413, multipart.status());
        assertTrue(multipart.text("detail").contains("/storage/upload/initiate"), multipart.text("detail"));
    }

    @Test
    void dataUriOverTheLambdaLimitIsTurnedAwayTowardsTheUpload() {
        byte[] big = Arrays.copyOf(Photos.astronautPng(), 4_600_000);

        QueueClient.Reply reply = api.submit("{\"image_url\":\"" + Photos.dataUri("image/png", big)
                + "\",\"prompt\":\"a person\"}");

        assertEquals(413, reply.status());
        assertTrue(reply.text("detail").contains("storage upload"), reply.text("detail"));
    }

    @Test
    void statusStreamSendsEachChangeAndEndsAfterCompleted() throws IOException, InterruptedException {
        String id = api.submit("{\"image_url\":\"" + Photos.dataUri("image/png", Photos.astronautPng())
                + "\",\"prompt\":\"a person\",\"image_size\":\"square\"}").text("request_id");

        HttpResponse<String> stream = HTTP.send(HttpRequest.newBuilder(URI.create(base() + QueueClient.MODEL_PATH + "/requests/" + id + "/status/stream?logs=1"))
                .header("Authorization", "Key " + TestKeys.admin()).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, stream.statusCode(), stream.body());
        assertEquals("text/event-stream", stream.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(id, stream.headers().firstValue("x-fal-request-id").orElseThrow());
        List<JsonNode> events = new ArrayList<>();
        for (String block : stream.body().split("\n\n")) {
            if (block.startsWith("data: ")) {
                events.add(JSON.readTree(block.substring("data: ".length())));
            }
        }
        assertTrue(events.size() >= 2, stream.body());
        assertEquals("COMPLETED", events.get(events.size() - 1).path("status").asText());
        events.subList(0, events.size() - 1).forEach(event ->
                assertTrue(List.of("IN_QUEUE", "IN_PROGRESS").contains(event.path("status").asText())));
        List<String> messages = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        events.forEach(event -> event.path("logs").forEach(line -> {
            messages.add(line.path("message").asText());
            lines.add(line.toString());
        }));
        assertEquals(lines.stream().distinct().count(), lines.size(), "each log line is sent once: " + lines);
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("detecting face")), messages.toString());
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create(base() + QueueClient.MODEL_PATH + "/requests/nope/status/stream"))
                        .header("Authorization", "Key " + TestKeys.admin()).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }
}
