package dev.sticker.local;

import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Test API handler: answers a binary body with the same bytes, fails on item "boom", and otherwise returns the
 * request event it received, as JSON, plus what its context said.
 */
public final class EchoHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        if (event.getPathParameters() != null && "boom".equals(event.getPathParameters().get("id"))) {
            throw new IllegalStateException("secret detail that must not reach the caller");
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            return new APIGatewayProxyResponseEvent()
                    .withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", event.getHeaders().get("content-type")))
                    .withBody(event.getBody())
                    .withIsBase64Encoded(true);
        }
        try {
            String body = json.writeValueAsString(Map.of(
                    "event", event,
                    "functionName", context.getFunctionName(),
                    "remainingMillis", context.getRemainingTimeInMillis(),
                    "table", System.getProperty("TEST_TABLE")));
            return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody(body)
                    .withMultiValueHeaders(Map.of("X-Echo", List.of("a", "b")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
