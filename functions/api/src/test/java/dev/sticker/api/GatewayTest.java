package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sticker.core.config.Settings;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.settings.Config;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class GatewayTest {

    @Test
    void unexpectedExceptionBecomesA500WithoutDetails() {
        APIGatewayProxyResponseEvent response = Gateway.respond(event(), () -> {
            throw new IllegalStateException("table sticker-requests is gone at DynamoRequestStore.java:42");
        });

        assertEquals(500, response.getStatusCode());
        assertEquals("{\"detail\":\"Internal error\"}", response.getBody());
        assertFalse(response.getBody().contains("DynamoRequestStore"));
    }

    @Test
    void replyIsCopiedOneToOne() {
        ApiReply reply = ApiReply.json(202, "{\"status\":\"IN_QUEUE\"}", "abc");

        APIGatewayProxyResponseEvent response = Gateway.respond(event(), () -> reply);

        assertEquals(202, response.getStatusCode());
        assertEquals(reply.headers(), response.getHeaders());
        assertEquals(reply.body(), response.getBody());
        assertEquals(Boolean.FALSE, response.getIsBase64Encoded());
    }

    @Test
    void base64BodyIsDecoded() {
        APIGatewayProxyRequestEvent event = event()
                .withBody(Base64.getEncoder().encodeToString("{\"prompt\":\"é\"}".getBytes(StandardCharsets.UTF_8)))
                .withIsBase64Encoded(true);

        assertEquals("{\"prompt\":\"é\"}", Gateway.body(event));
    }

    @Test
    void headersMatchInAnyCase() {
        APIGatewayProxyRequestEvent event = event().withHeaders(Map.of("x-sticker-signature", "t=1,v1=ab"));

        assertEquals("t=1,v1=ab", Gateway.header(event, "X-Sticker-Signature"));
        assertNull(Gateway.header(event, "Authorization"));
    }

    @Test
    void urlsComeFromTheHostAndStageOfAnExecuteApiDomain() {
        APIGatewayProxyRequestEvent event = event().withHeaders(Map.of(
                "Host", "abc123.execute-api.eu-west-1.amazonaws.com", "X-Forwarded-Proto", "https"));
        Settings settings = Settings.from(Config.of(key -> null));

        assertEquals("https://abc123.execute-api.eu-west-1.amazonaws.com/v1/files/results/x/sticker.png",
                Gateway.urls(event, settings).fileUrl("results/x/sticker.png"));
    }

    @Test
    void browsersMayReadTheRequestIdAndRetryAfterOfEveryAnswer() {
        APIGatewayProxyResponseEvent response = Gateway.respond(event(), "https://app.example.com",
                () -> ApiReply.json(200, "{}", "abc"));

        assertEquals("https://app.example.com", response.getHeaders().get("Access-Control-Allow-Origin"));
        assertEquals("x-fal-request-id, Retry-After", response.getHeaders().get("Access-Control-Expose-Headers"));
        assertEquals("Origin", response.getHeaders().get("Vary"));
        assertEquals("abc", response.getHeaders().get("x-fal-request-id"));
        assertEquals("*", Gateway.respond(event(), "*", () -> {
            throw new IllegalStateException("boom");
        }).getHeaders().get("Access-Control-Allow-Origin"));
    }

    @Test
    void resourcePathIsRebuiltFromThePathParameters() {
        APIGatewayProxyRequestEvent status = event().withResource("/fal-ai/face-to-sticker/requests/{id}/status")
                .withPathParameters(Map.of("id", "r-1"));
        APIGatewayProxyRequestEvent file = event().withResource("/files/{key+}")
                .withPathParameters(Map.of("key", "uploads/a/b.png"));

        assertEquals("/fal-ai/face-to-sticker/requests/r-1/status", Gateway.resourcePath(status));
        assertEquals("/files/uploads/a/b.png", Gateway.resourcePath(file));
        assertEquals("/fal/proxy", Gateway.resourcePath(event().withResource("/fal/proxy")));
    }

    @Test
    void missingParametersAreNull() {
        APIGatewayProxyRequestEvent event = event();

        assertNull(Gateway.pathParameter(event, "id"));
        assertNull(Gateway.queryParameter(event, "logs"));
        assertEquals("", Gateway.body(event));
    }

    private static APIGatewayProxyRequestEvent event() {
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod("GET")
                .withPath("/fal-ai/face-to-sticker/requests/abc/status")
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withRequestId("gw-1").withStage("v1"));
    }
}
