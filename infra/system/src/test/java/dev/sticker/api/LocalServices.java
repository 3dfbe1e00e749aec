package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sticker.core.wire.Json;
import dev.sticker.local.LocalCloud;
import io.micronaut.context.ApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The API's real services for handler tests: the beans of an API context, configured by the shared local cloud (whose
 * DynamoDB, S3 and SQS servers they call), so a test builds a handler from them and may swap one for its own.
 */
final class LocalServices {

    /** API Gateway's own host name for the API: URLs handed out carry the stage. */
    static final String HOST = "abc123.execute-api.us-east-1.amazonaws.com";

    private static ApplicationContext context;

    private LocalServices() {
    }

    static synchronized <T> T bean(Class<T> type) {
        if (context == null) {
            LocalCloud.shared();
            context = ApiFunction.startContext();
        }
        return context.getBean(type);
    }

    /** A proxy event for a call as API Gateway hands it over: resource, path, stage v1, its own host. */
    static APIGatewayProxyRequestEvent event(String method, String resource, String path, String body) {
        Map<String, String> pathParameters = new HashMap<>();
        String[] resourceParts = resource.split("/");
        String[] pathParts = path.split("/", resourceParts.length);
        for (int i = 0; i < resourceParts.length && i < pathParts.length; i++) {
            if (resourceParts[i].startsWith("{")) {
                pathParameters.put(resourceParts[i].replaceAll("[{}+]", ""), pathParts[i]);
            }
        }
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withResource(resource)
                .withPath(path)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withHeaders(new HashMap<>(Map.of("Host", HOST, "X-Forwarded-Proto", "https",
                        "Content-Type", "application/json")))
                .withBody(body)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withStage("v1")
                        .withRequestId("test-call"));
    }

    static JsonNode json(APIGatewayProxyResponseEvent response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(response.getBody(), e);
        }
    }
}
