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
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The API Gateway side of every handler: reading a proxy event and turning an {@link ApiReply} into a response. */
final class Gateway {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

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
        Map<String, String> headers = event.getHeaders();
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
