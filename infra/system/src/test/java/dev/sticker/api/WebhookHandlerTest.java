package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sticker.core.photo.ImageFetcher;
import dev.sticker.core.photo.ResultImages;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.remote.HttpBackend;
import dev.sticker.core.remote.RemoteWorkerProtocol;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.service.CallbackService;
import dev.sticker.core.service.Completion;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import static dev.sticker.api.LocalServices.bean;
import static dev.sticker.api.LocalServices.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The callback function built from real services (the local cloud's servers), called as Lambda calls it. */
class WebhookHandlerTest {

    private static final String CALLBACK = "/webhooks/{backend}/{id}";
    private static final RemoteWorkerProtocol PROTOCOL = new RemoteWorkerProtocol("handler-test-secret");

    private final WebhookHandler handler = new WebhookHandler(new CallbackRoutes(Map.of(HttpBackend.NAME,
            new CallbackService(bean(RequestStore.class), bean(Completion.class),
                    new ResultImages(bean(ImageFetcher.class)), PROTOCOL, Clock.systemUTC()))));

    @Test
    void aSignedErrorEndsTheRequestWithTheWorkersReason() {
        String id = LocalServices.requestNoWorkerRuns();
        String body = RemoteWorkerProtocol.errorJson(422, "value_error.no_face", "no face detected in the image");

        APIGatewayProxyResponseEvent response = handler.handleRequest(callback("http", id, body,
                PROTOCOL.sign(body, Instant.now())), null);

        StickerRequest stored = bean(RequestStore.class).find(id).orElseThrow();
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(Status.COMPLETED, stored.status());
        assertEquals("value_error.no_face", stored.failure().type());
        assertFalse(response.getHeaders().containsKey("Access-Control-Allow-Origin"), "no browser reads callbacks");
    }

    @Test
    void anUnsignedOrForgedCallbackIsRefusedAndChangesNothing() {
        String id = LocalServices.requestNoWorkerRuns();
        String body = RemoteWorkerProtocol.errorJson(500, "crash", "forged");

        APIGatewayProxyResponseEvent unsigned = handler.handleRequest(callback("http", id, body, null), null);
        APIGatewayProxyResponseEvent forged = handler.handleRequest(callback("http", id, body,
                new RemoteWorkerProtocol("another-secret").sign(body, Instant.now())), null);

        assertEquals(401, unsigned.getStatusCode());
        assertEquals(401, forged.getStatusCode());
        assertEquals(Status.IN_QUEUE, bean(RequestStore.class).find(id).orElseThrow().status());
    }

    @Test
    void aBackendWithoutCallbacksIsNotFound() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(callback("replicate", "abc", "{}", null), null);

        assertEquals(404, response.getStatusCode());
    }

    private static APIGatewayProxyRequestEvent callback(String backend, String id, String body, String signature) {
        APIGatewayProxyRequestEvent event = event("POST", CALLBACK, "/webhooks/" + backend + "/" + id, body);
        if (signature != null) {
            event.getHeaders().put(RemoteWorkerProtocol.SIGNATURE_HEADER, signature);
        }
        return event;
    }
}
