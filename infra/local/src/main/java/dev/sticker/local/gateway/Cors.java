package dev.sticker.local.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An Api's {@code Cors} setting. SAM answers browser preflights (OPTIONS) on every path with these headers; the
 * functions themselves add {@code Access-Control-Allow-Origin} to their own responses. Values are the header values
 * without SAM's single quotes; a null one is left out.
 */
public record Cors(String allowOrigin, String allowMethods, String allowHeaders, String maxAge, boolean allowCredentials) {

    /** The template's {@code Cors} value (already resolved): a quoted origin, or a mapping. */
    public static Cors from(Object declared) {
        if (declared instanceof Map<?, ?> map) {
            return new Cors(unquote(map.get("AllowOrigin")), unquote(map.get("AllowMethods")),
                    unquote(map.get("AllowHeaders")), unquote(map.get("MaxAge")),
                    Boolean.parseBoolean(String.valueOf(map.get("AllowCredentials"))));
        }
        return new Cors(unquote(declared), null, null, null, false);
    }

    /** The preflight answer's headers; without declared methods, those of the resource (as SAM does). */
    Map<String, String> preflightHeaders(String resourceMethods) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", allowOrigin);
        headers.put("Access-Control-Allow-Methods", allowMethods != null ? allowMethods : resourceMethods);
        if (allowHeaders != null) {
            headers.put("Access-Control-Allow-Headers", allowHeaders);
        }
        if (maxAge != null) {
            headers.put("Access-Control-Max-Age", maxAge);
        }
        if (allowCredentials) {
            headers.put("Access-Control-Allow-Credentials", "true");
        }
        return headers;
    }

    private static String unquote(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().trim();
        return text.length() >= 2 && text.startsWith("'") && text.endsWith("'") ? text.substring(1, text.length() - 1) : text;
    }
}
