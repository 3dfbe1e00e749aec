package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sticker.core.config.Settings;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.FalWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The API Gateway side of every handler: reading a proxy event and turning an {@link ApiReply} into a response. */
final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    private static final String EXPOSED_HEADERS = ApiReply.REQUEST_ID_HEADER + ", Retry-After";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z0-9_]+)\\+?}");

    private Gateway() {
    }

    /** Runs a call; anything it throws becomes a 500 with no details in the body, logged with the request id. */
    static APIGatewayProxyResponseEvent respond(APIGatewayProxyRequestEvent event, Supplier<ApiReply> call) {
        ApiReply reply;
        try {
            reply = call.get();
        } catch (RuntimeException e) {
            LOG.error("unhandled error requestId={} method={} path={}", requestId(event), event.getHttpMethod(),
                    event.getPath(), e);
            reply = FalWire.error(500, "Internal error");
        }
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(reply.status())
                .withHeaders(reply.headers())
                .withBody(reply.body())
                .withIsBase64Encoded(false);
    }

    /**
     * As {@link #respond(APIGatewayProxyRequestEvent, Supplier)}, for calls browsers make: with a proxy integration
     * the function, not API Gateway, must say which origin may read the answer, and which headers beyond the safelisted
     * ones it may read: fal's request id (fal's client takes the request id from it) and {@code Retry-After} (how long
     * a 429 asks a page to wait).
     */
    static APIGatewayProxyResponseEvent respond(APIGatewayProxyRequestEvent event, String allowedOrigin,
                                                Supplier<ApiReply> call) {
        APIGatewayProxyResponseEvent response = respond(event, call);
        Map<String, String> headers = new LinkedHashMap<>(response.getHeaders());
        headers.put("Access-Control-Allow-Origin", allowedOrigin);
        headers.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        if (!"*".equals(allowedOrigin)) {
            headers.put("Vary", "Origin");
        }
        return response.withHeaders(headers);
    }

    /** The path the caller asked for, rebuilt from the matched resource and its path parameters (no stage). */
    static String resourcePath(APIGatewayProxyRequestEvent event) {
        String resource = event.getResource() == null ? "" : event.getResource();
        Matcher parameter = PATH_PARAMETER.matcher(resource);
        StringBuilder path = new StringBuilder();
        while (parameter.find()) {
            String value = pathParameter(event, parameter.group(1));
            parameter.appendReplacement(path, Matcher.quoteReplacement(value == null ? "" : value));
        }
        parameter.appendTail(path);
        return path.toString();
    }

    /** The absolute URLs this API hands out, as the caller addressed it (or as configured). */
    static ApiUrls urls(APIGatewayProxyRequestEvent event, Settings settings) {
        String stage = event.getRequestContext() == null ? null : event.getRequestContext().getStage();
        return ApiUrls.resolve(settings.configuredPublicUrl(), event.getHeaders(), stage);
    }

    /** The body as text, decoding it when API Gateway passed it base64 encoded (a binary media type). */
    static String body(APIGatewayProxyRequestEvent event) {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        return Boolean.TRUE.equals(event.getIsBase64Encoded())
                ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    static String pathParameter(APIGatewayProxyRequestEvent event, String name) {
        return Optional.ofNullable(event.getPathParameters()).map(parameters -> parameters.get(name)).orElse(null);
    }

    static String queryParameter(APIGatewayProxyRequestEvent event, String name) {
        return Optional.ofNullable(event.getQueryStringParameters()).map(parameters -> parameters.get(name))
                .orElse(null);
    }

    /** A header by name in any case, as HTTP header names are. */
    static String header(APIGatewayProxyRequestEvent event, String name) {
        return header(event.getHeaders(), name);
    }

    static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream().filter(entry -> name.equalsIgnoreCase(entry.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    static String requestId(APIGatewayProxyRequestEvent event) {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }
}
