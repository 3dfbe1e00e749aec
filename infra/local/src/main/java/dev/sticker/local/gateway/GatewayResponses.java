package dev.sticker.local.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answers API Gateway gives on its own (no function invoked), with the template's {@code GatewayResponses}
 * overriding API Gateway's defaults: status, headers (literal values, quoted as in the template) and body.
 */
public record GatewayResponses(Map<String, Response> declared) {

    public static final String UNAUTHORIZED = "UNAUTHORIZED";
    public static final String ACCESS_DENIED = "ACCESS_DENIED";

    private static final Map<String, Response> DEFAULTS = Map.of(
            UNAUTHORIZED, new Response(401, Map.of(), "{\"message\":\"Unauthorized\"}"),
            ACCESS_DENIED, new Response(403, Map.of(),
                    "{\"message\":\"User is not authorized to access this resource\"}"));

    public GatewayResponses {
        declared = Map.copyOf(declared);
    }

    /** One gateway response. */
    public record Response(int status, Map<String, String> headers, String body) {
    }

    public static GatewayResponses none() {
        return new GatewayResponses(Map.of());
    }

    /** From the Api's {@code GatewayResponses} property, already resolved. */
    @SuppressWarnings("unchecked")
    public static GatewayResponses from(Map<String, Object> declared) {
        Map<String, Response> responses = new LinkedHashMap<>();
        declared.forEach((type, value) -> {
            Map<String, Object> response = (Map<String, Object>) value;
            Response fallback = DEFAULTS.getOrDefault(type, new Response(500, Map.of(), "{\"message\":null}"));
            Map<String, String> headers = new LinkedHashMap<>();
            Object parameters = response.get("ResponseParameters");
            if (parameters instanceof Map<?, ?> map && map.get("Headers") instanceof Map<?, ?> declaredHeaders) {
                declaredHeaders.forEach((name, literal) -> headers.put(String.valueOf(name), unquote(literal)));
            }
            Object templates = response.get("ResponseTemplates");
            String body = templates instanceof Map<?, ?> map && map.get("application/json") != null
                    ? String.valueOf(map.get("application/json")) : fallback.body();
            Object status = response.get("StatusCode");
            responses.put(type, new Response(status == null ? fallback.status() : Integer.parseInt(status.toString()),
                    headers, body));
        });
        return new GatewayResponses(responses);
    }

    public Response response(String type) {
        return declared.getOrDefault(type, DEFAULTS.get(type));
    }

    /** API Gateway header values are literals in single quotes: {@code "'*'"}. */
    private static String unquote(Object literal) {
        String text = String.valueOf(literal);
        return text.length() >= 2 && text.startsWith("'") && text.endsWith("'")
                ? text.substring(1, text.length() - 1) : text;
    }
}
