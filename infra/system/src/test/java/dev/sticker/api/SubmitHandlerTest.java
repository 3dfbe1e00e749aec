package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sticker.core.config.Settings;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.service.SubmitService;
import dev.sticker.core.service.UploadService;
import dev.sticker.core.wire.ProxyTarget;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static dev.sticker.api.LocalServices.bean;
import static dev.sticker.api.LocalServices.event;
import static dev.sticker.api.LocalServices.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The submit function built from real services (the local cloud's DynamoDB, S3 and SQS), called as Lambda calls it. */
class SubmitHandlerTest {

    private static final String SUBMIT = "/fal-ai/face-to-sticker";
    private static final String BODY = "{\"image_url\": \"https://example.com/face.jpg\", \"prompt\": \"a person\"}";

    private final SubmitHandler handler = new SubmitHandler(bean(SubmitService.class), bean(UploadService.class),
            bean(Access.class), bean(Settings.class));

    @Test
    void submitAnswersFalsQueueReplyWithUrlsOfTheApiAndStageTheCallerUsed() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event("POST", SUBMIT, SUBMIT, BODY), null);

        JsonNode reply = json(response);
        String id = reply.path("request_id").asText();
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("IN_QUEUE", reply.path("status").asText());
        assertEquals("https://" + LocalServices.HOST + "/v1/fal-ai/face-to-sticker/requests/" + id + "/status",
                reply.path("status_url").asText());
        assertEquals(id, response.getHeaders().get("x-fal-request-id"));
        assertEquals("*", response.getHeaders().get("Access-Control-Allow-Origin"));
        StickerRequest stored = bean(RequestStore.class).find(id).orElseThrow();
        assertEquals(Status.IN_QUEUE, stored.status());
        assertTrue(stored.inputJson().contains("\"image_url\":\"https://example.com/face.jpg\""), stored.inputJson());
        assertTrue(stored.inputJson().contains("\"num_inference_steps\":20"), "defaults are applied");
    }

    @Test
    void badInputIsA422InFalsShape() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                event("POST", SUBMIT, SUBMIT, "{\"image_url\": \"ftp://example.com/a.jpg\"}"), null);

        JsonNode detail = json(response).path("detail");
        assertEquals(422, response.getStatusCode());
        assertEquals(2, detail.size(), detail.toString());
        assertEquals("[\"body\",\"image_url\"]", detail.get(0).path("loc").toString());
        assertEquals("[\"body\",\"prompt\"]", detail.get(1).path("loc").toString());
        assertEquals("missing", detail.get(1).path("type").asText());
    }

    @Test
    void whenTheJobCannotBeQueuedTheCallerGetsA500AndTheRequestEndsWithAnError() {
        AtomicReference<String> attempted = new AtomicReference<>();
        SubmitService unqueueable = LocalServices.submitServiceWith((id, delay) -> {
            attempted.set(id);
            throw new IllegalStateException("SendMessage throttled at queue sticker-jobs");
        });
        SubmitHandler failing = new SubmitHandler(unqueueable, bean(UploadService.class), bean(Access.class),
                bean(Settings.class));

        APIGatewayProxyResponseEvent response = failing.handleRequest(event("POST", SUBMIT, SUBMIT, BODY), null);

        assertEquals(500, response.getStatusCode());
        assertEquals("{\"detail\":\"Internal error\"}", response.getBody());
        StickerRequest stored = bean(RequestStore.class).find(attempted.get()).orElseThrow();
        assertEquals(Status.COMPLETED, stored.status());
        assertEquals(500, stored.failure().httpStatus());
    }

    @Test
    void theFalProxyReachesTheStorageUpload() {
        APIGatewayProxyRequestEvent call = event("POST", FalCalls.PROXY_RESOURCE, FalCalls.PROXY_RESOURCE,
                "{\"content_type\": \"image/png\", \"file_name\": \"me.png\"}");
        call.getHeaders().put(ProxyTarget.HEADER, "https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3");

        APIGatewayProxyResponseEvent response = handler.handleRequest(call, null);

        JsonNode reply = json(response);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertTrue(reply.path("upload_url").asText().contains("X-Amz-Signature="), reply.toString());
        assertTrue(reply.path("file_url").asText().startsWith("https://" + LocalServices.HOST + "/v1/files/uploads/"),
                reply.toString());
    }

    @Test
    void aCallOfAnotherFunctionIsNotFoundHere() {
        String status = SUBMIT + "/requests/{id}/status";
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                event("GET", status, SUBMIT + "/requests/abc/status", null), null);

        assertEquals(404, response.getStatusCode());
        assertFalse(response.getBody().contains("Exception"));
    }
}
