package dev.sticker.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.input.FieldError;
import dev.sticker.core.port.RequestStore.CancelOutcome;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.LogLine;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.StickerResult;
import dev.sticker.core.request.StoredImage;
import dev.sticker.core.request.TestBilling;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FalWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "764cabcf-b745-4b3e-ae38-1200304cf45b";
    private static final ApiUrls URLS = new ApiUrls("https://api.example.com/v1");
    private static final String REQUEST_URL = "https://api.example.com/v1/fal-ai/face-to-sticker/requests/" + ID;
    private static final Instant CREATED = Instant.parse("2025-01-02T03:04:05Z");
    private static final Instant STARTED = CREATED.plusSeconds(3);
    private static final Instant DONE = STARTED.plusMillis(2500);

    private static StickerRequest request(Status status, StickerResult result, Failure failure, List<LogLine> logs) {
        return new StickerRequest(ID, ApiUrls.MODEL_ID, status, TestBilling.ONE_MEGAPIXEL, "{}", 5, result, failure,
                logs, null, 1, 0, false, null, List.of(), CREATED, null, status == Status.IN_QUEUE ? null : STARTED,
                status == Status.COMPLETED ? DONE : null, null, CREATED.getEpochSecond() + 86400);
    }

    private static StickerResult result() {
        return new StickerResult(
                new StoredImage("results/" + ID + "/sticker.png", "image/png", "sticker.png", 560358, 1024, 1024),
                new StoredImage("results/" + ID + "/sticker_background_removed.png", "image/png",
                        "sticker_background_removed.png", 452906, 1024, 1024),
                3625437076L, false, true, "builtin");
    }

    private static JsonNode json(ApiReply reply) throws Exception {
        return JSON.readTree(reply.body());
    }

    @Test
    void submitAnswersWithIdPositionAndAbsoluteUrls() throws Exception {
        ApiReply reply = FalWire.submitted(request(Status.IN_QUEUE, null, null, List.of()), 3, URLS);
        assertEquals(200, reply.status());
        assertEquals(ID, reply.headers().get("x-fal-request-id"));
        assertEquals("application/json", reply.headers().get("Content-Type"));
        JsonNode body = json(reply);
        assertEquals(ID, body.get("request_id").textValue());
        assertEquals("IN_QUEUE", body.get("status").textValue());
        assertEquals(3, body.get("queue_position").intValue());
        assertEquals(REQUEST_URL, body.get("response_url").textValue());
        assertEquals(REQUEST_URL + "/status", body.get("status_url").textValue());
        assertEquals(REQUEST_URL + "/cancel", body.get("cancel_url").textValue());
    }

    @Test
    void queuedStatusIs202WithPositionAndNoLogsUnlessAsked() throws Exception {
        List<LogLine> logs = List.of(LogLine.info("queued", CREATED));
        ApiReply reply = FalWire.status(request(Status.IN_QUEUE, null, null, logs), 2, false, URLS);
        assertEquals(202, reply.status());
        JsonNode body = json(reply);
        assertEquals("IN_QUEUE", body.get("status").textValue());
        assertEquals(2, body.get("queue_position").intValue());
        assertEquals(ID, body.get("request_id").textValue());
        assertEquals(REQUEST_URL, body.get("response_url").textValue());
        assertEquals(REQUEST_URL + "/status", body.get("status_url").textValue());
        assertEquals(REQUEST_URL + "/cancel", body.get("cancel_url").textValue());
        assertTrue(body.get("logs").isArray());
        assertEquals(0, body.get("logs").size());
        assertFalse(body.has("metrics"));
    }

    @Test
    void runningStatusListsLogLinesWhenAsked() throws Exception {
        List<LogLine> logs = List.of(LogLine.info("fetching input image", STARTED),
                new LogLine("slow host", LogLine.Level.WARN, STARTED.plusSeconds(1)));
        JsonNode body = json(FalWire.status(request(Status.IN_PROGRESS, null, null, logs), 0, true, URLS));
        assertEquals("IN_PROGRESS", body.get("status").textValue());
        assertFalse(body.has("queue_position"));
        JsonNode first = body.get("logs").get(0);
        assertEquals("fetching input image", first.get("message").textValue());
        assertEquals("INFO", first.get("level").textValue());
        assertEquals("USER", first.get("source").textValue());
        assertEquals("2025-01-02T03:04:08Z", first.get("timestamp").textValue());
        assertEquals("WARN", body.get("logs").get(1).get("level").textValue());
    }

    @Test
    void completedStatusIs200WithInferenceTime() throws Exception {
        ApiReply reply = FalWire.status(request(Status.COMPLETED, result(), null, List.of()), 0, false, URLS);
        assertEquals(200, reply.status());
        assertEquals(2.5, json(reply).get("metrics").get("inference_time").doubleValue());
    }

    @Test
    void resultIsTheSeedsOutputWithFileUrls() throws Exception {
        ApiReply reply = FalWire.result(request(Status.COMPLETED, result(), null, List.of()), URLS);
        assertEquals(200, reply.status());
        assertEquals(ID, reply.headers().get("x-fal-request-id"));
        JsonNode body = json(reply);
        JsonNode sticker = body.get("sticker_image");
        assertEquals("https://api.example.com/v1/files/results/" + ID + "/sticker.png", sticker.get("url").textValue());
        assertEquals("image/png", sticker.get("content_type").textValue());
        assertEquals("sticker.png", sticker.get("file_name").textValue());
        assertEquals(560358, sticker.get("file_size").longValue());
        assertEquals(1024, sticker.get("width").intValue());
        assertEquals(1024, sticker.get("height").intValue());
        JsonNode removed = body.get("sticker_image_background_removed");
        assertEquals("https://api.example.com/v1/files/results/" + ID + "/sticker_background_removed.png",
                removed.get("url").textValue());
        assertEquals(List.of(sticker, removed), List.of(body.get("images").get(0), body.get("images").get(1)));
        assertEquals(2, body.get("images").size());
        assertEquals(3625437076L, body.get("seed").longValue());
        assertFalse(body.get("has_nsfw_concepts").get("sticker_image").booleanValue());
        assertTrue(body.get("has_nsfw_concepts").get("sticker_image_background_removed").booleanValue());
    }

    @Test
    void resultBeforeCompletionIs400StillInProgress() throws Exception {
        ApiReply reply = FalWire.result(request(Status.IN_PROGRESS, null, null, List.of()), URLS);
        assertEquals(400, reply.status());
        assertEquals("Request is still in progress", json(reply).get("detail").textValue());
    }

    @Test
    void noFaceFailureIsA422OnImageUrl() throws Exception {
        Failure noFace = Failure.invalidInput("image_url", "value_error.no_face", "no face detected in the image");
        ApiReply reply = FalWire.result(request(Status.COMPLETED, null, noFace, List.of()), URLS);
        assertEquals(422, reply.status());
        assertEquals(JSON.readTree("{\"detail\":[{\"loc\":[\"body\",\"image_url\"],"
                + "\"msg\":\"no face detected in the image\",\"type\":\"value_error.no_face\"}]}"), json(reply));
    }

    @Test
    void internalFailureIsA500WithItsReason() throws Exception {
        ApiReply reply = FalWire.result(request(Status.COMPLETED, null,
                Failure.internal("generation failed after 3 attempts"), List.of()), URLS);
        assertEquals(500, reply.status());
        assertEquals(JSON.readTree("{\"detail\":\"generation failed after 3 attempts\"}"), json(reply));
    }

    @Test
    void cancelledRequestResultIs400RequestCancelled() throws Exception {
        ApiReply reply = FalWire.result(request(Status.COMPLETED, null, Failure.cancelled(), List.of()), URLS);
        assertEquals(400, reply.status());
        assertEquals(JSON.readTree("{\"detail\":\"Request cancelled\"}"), json(reply));
    }

    @Test
    void unknownRequestIs404() throws Exception {
        ApiReply reply = FalWire.notFound();
        assertEquals(404, reply.status());
        assertEquals(JSON.readTree("{\"detail\":\"Request not found\"}"), json(reply));
    }

    @Test
    void cancelAnswersMatchFal() throws Exception {
        ApiReply requested = FalWire.cancel(CancelOutcome.CANCELLATION_REQUESTED, ID);
        assertEquals(202, requested.status());
        assertEquals(JSON.readTree("{\"status\":\"CANCELLATION_REQUESTED\"}"), json(requested));
        ApiReply completed = FalWire.cancel(CancelOutcome.ALREADY_COMPLETED, ID);
        assertEquals(400, completed.status());
        assertEquals(JSON.readTree("{\"status\":\"ALREADY_COMPLETED\"}"), json(completed));
        ApiReply missing = FalWire.cancel(CancelOutcome.NOT_FOUND, ID);
        assertEquals(404, missing.status());
        assertEquals(JSON.readTree("{\"status\":\"NOT_FOUND\"}"), json(missing));
    }

    @Test
    void validationErrorsListEveryField() throws Exception {
        ApiReply reply = FalWire.validationFailed(List.of(
                FieldError.at("prompt", "Field required", "missing"),
                new FieldError(List.of("body", "image_size", "width"), "Input should be less than or equal to 2048",
                        "less_than_equal")));
        assertEquals(422, reply.status());
        assertEquals(JSON.readTree("{\"detail\":["
                + "{\"loc\":[\"body\",\"prompt\"],\"msg\":\"Field required\",\"type\":\"missing\"},"
                + "{\"loc\":[\"body\",\"image_size\",\"width\"],\"msg\":\"Input should be less than or equal to 2048\","
                + "\"type\":\"less_than_equal\"}]}"), json(reply));
    }

    @Test
    void oversizedDataUriPointsToTheStorageUpload() throws Exception {
        ApiReply reply = FalWire.payloadTooLarge(4_500_000);
        assertEquals(413, reply.status());
        assertTrue(json(reply).get("detail").textValue().contains("use the storage upload"));
    }
}
