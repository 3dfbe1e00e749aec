package dev.sticker.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The proxy events API Gateway sends for the calls the benchmarks make, filled in as a REST API fills them, with the
 * context the key authorizer adds: the system property {@value #AUTHORIZER_PROPERTY} holds it, as
 * {@code name=value;...}, set by the benchmark that starts the probe (the plain baseline's jar has none of our
 * classes to build it with).
 */
final class ProbeEvents {

    static final String STAGE = "v1";
    static final String AUTHORIZER_PROPERTY = "bench.authorizer";
    private static final String HOST = "abc123.execute-api.us-east-1.amazonaws.com";

    private ProbeEvents() {
    }

    /** POST /fal-ai/face-to-sticker with a JSON body. */
    static APIGatewayProxyRequestEvent submit(String jsonBody) {
        return event("POST", "/fal-ai/face-to-sticker", "/fal-ai/face-to-sticker", Map.of(), jsonBody);
    }

    /** GET /fal-ai/face-to-sticker/requests/{id}/status. */
    static APIGatewayProxyRequestEvent status(String requestId) {
        return event("GET", "/fal-ai/face-to-sticker/requests/{id}/status",
                "/fal-ai/face-to-sticker/requests/" + requestId + "/status", Map.of("id", requestId), null);
    }

    /** The REQUEST authorizer's event for a status call with this Authorization header. */
    static APIGatewayCustomAuthorizerEvent authorizer(String authorization) {
        APIGatewayCustomAuthorizerEvent event = new APIGatewayCustomAuthorizerEvent();
        event.setType("REQUEST");
        event.setMethodArn("arn:aws:execute-api:us-east-1:123456789012:abc123/" + STAGE
                + "/GET/fal-ai/face-to-sticker/requests/probe/status");
        event.setHeaders(Map.of("Authorization", authorization));
        return event;
    }

    private static APIGatewayProxyRequestEvent event(String method, String resource, String path,
            Map<String, String> pathParameters, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Host", HOST);
        headers.put("User-Agent", "sticker-bench");
        headers.put("X-Forwarded-For", "203.0.113.7");
        headers.put("X-Forwarded-Port", "443");
        headers.put("X-Forwarded-Proto", "https");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        Map<String, List<String>> multiValueHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> multiValueHeaders.put(name, List.of(value)));

        RequestIdentity identity = new RequestIdentity();
        identity.setSourceIp("203.0.113.7");
        identity.setUserAgent("sticker-bench");
        ProxyRequestContext context = new ProxyRequestContext();
        context.setAccountId("123456789012");
        context.setApiId("abc123");
        context.setResourceId("res123");
        context.setResourcePath(resource);
        context.setHttpMethod(method);
        context.setPath("/" + STAGE + path);
        context.setProtocol("HTTP/1.1");
        context.setRequestId(UUID.randomUUID().toString());
        context.setStage(STAGE);
        context.setIdentity(identity);
        context.setAuthorizer(authorizer());

        return new APIGatewayProxyRequestEvent()
                .withResource(resource)
                .withPath(path)
                .withHttpMethod(method)
                .withHeaders(headers)
                .withMultiValueHeaders(multiValueHeaders)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(context)
                .withBody(body)
                .withIsBase64Encoded(false);
    }

    /** The authorizer context as the property carries it. */
    static String encode(Map<String, String> context) {
        StringBuilder encoded = new StringBuilder();
        context.forEach((name, value) -> encoded.append(encoded.isEmpty() ? "" : ";").append(name).append('=')
                .append(value));
        return encoded.toString();
    }

    private static Map<String, Object> authorizer() {
        Map<String, Object> context = new LinkedHashMap<>();
        String encoded = System.getProperty(AUTHORIZER_PROPERTY, "");
        for (String pair : encoded.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                context.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return context;
    }
}
