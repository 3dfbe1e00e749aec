package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sticker.core.config.Settings;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.service.RequestQueries;
import dev.sticker.core.service.StatusStream;
import dev.sticker.core.webhook.SigningKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static dev.sticker.api.LocalServices.bean;
import static dev.sticker.api.LocalServices.event;
import static dev.sticker.api.LocalServices.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fetch function built from real services (the local cloud's servers), called as Lambda calls it. */
class FetchHandlerTest {

    private static final String REQUESTS = "/fal-ai/face-to-sticker/requests/";
    private static final SigningKey KEY = SigningKey.generate();

    private final FetchHandler handler = new FetchHandler(bean(RequestQueries.class), bean(StatusStream.class),
            new PublishedKeys(List.of(KEY)), bean(Access.class), bean(Settings.class));

    @Test
    void anUnknownRequestIsNotFoundInFalsShape() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                event("GET", "/fal-ai/face-to-sticker/requests/{id}/status", REQUESTS + "unknown/status", null), null);

        assertEquals(404, response.getStatusCode());
        assertTrue(json(response).path("detail").isTextual(), response.getBody());
    }

    @Test
    void aQueuedRequestIsReportedThenCancelledAndItsResultSaysSo() {
        String id = LocalServices.requestNoWorkerRuns();

        APIGatewayProxyResponseEvent status = handler.handleRequest(
                event("GET", "/fal-ai/face-to-sticker/requests/{id}/status", REQUESTS + id + "/status", null), null);
        APIGatewayProxyResponseEvent cancel = handler.handleRequest(
                event("PUT", "/fal-ai/face-to-sticker/requests/{id}/cancel", REQUESTS + id + "/cancel", null), null);
        APIGatewayProxyResponseEvent result = handler.handleRequest(
                event("GET", "/fal-ai/face-to-sticker/requests/{id}", REQUESTS + id, null), null);

        assertEquals(202, status.getStatusCode(), status.getBody());
        assertEquals("IN_QUEUE", json(status).path("status").asText());
        assertTrue(json(status).path("queue_position").isIntegralNumber(), status.getBody());
        assertEquals(202, cancel.getStatusCode(), cancel.getBody());
        assertEquals("CANCELLATION_REQUESTED", json(cancel).path("status").asText());
        assertEquals(400, result.getStatusCode(), result.getBody());
    }

    @Test
    void theFileRouteRedirectsToAFreshLinkOfAStoredInput() {
        bean(ObjectStore.class).put("uploads/00000000-0000-4000-8000-000000000001/me.png",
                "png".getBytes(StandardCharsets.US_ASCII), "image/png");

        APIGatewayProxyResponseEvent response = handler.handleRequest(event("GET", "/files/{key+}",
                "/files/uploads/00000000-0000-4000-8000-000000000001/me.png", null), null);

        assertEquals(302, response.getStatusCode());
        assertTrue(response.getHeaders().get("Location").contains("X-Amz-Signature="),
                response.getHeaders().toString());
    }

    @Test
    void theJwksPublishesThePublicHalfOfTheSigningKey() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(
                event("GET", "/.well-known/jwks.json", "/.well-known/jwks.json", null), null);

        JsonNode keys = json(response).path("keys");
        assertEquals(200, response.getStatusCode());
        assertEquals(1, keys.size());
        assertEquals(KEY.keyId(), keys.get(0).path("kid").asText());
        assertEquals("Ed25519", keys.get(0).path("crv").asText());
    }
}
