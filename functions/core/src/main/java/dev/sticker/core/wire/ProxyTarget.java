package dev.sticker.core.wire;

import dev.sticker.formats.QueryString;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The real target of a call that fal's clients send to the proxy route, from its {@code x-fal-target-url} header
 * (e.g. {@code https://queue.fal.run/fal-ai/face-to-sticker/requests/ID/status?logs=1}). Only fal's queue host and
 * REST host, and only the calls this API answers ({@link FalRoute}), are accepted: the proxy reaches nothing else.
 */
public sealed interface ProxyTarget {

    /** The header fal's clients put the real target in. */
    String HEADER = "x-fal-target-url";
    String QUEUE_HOST = "queue.fal.run";
    String REST_HOST = "rest.fal.ai";

    /** A call this API answers, with the target's query parameters (fal_webhook, logs, storage_type). */
    record Routed(FalRoute route, Map<String, String> query) implements ProxyTarget {
        public Routed {
            query = Map.copyOf(query);
        }
    }

    /** Not something this proxy forwards; the detail says why. */
    record Refused(String detail) implements ProxyTarget {
    }

    static ProxyTarget parse(String method, String targetUrl) {
        if (targetUrl == null || targetUrl.isBlank()) {
            return new Refused("the " + HEADER + " header is required");
        }
        URI target;
        try {
            target = new URI(targetUrl.strip());
        } catch (URISyntaxException e) {
            return new Refused(HEADER + " is not a URL");
        }
        if (!"https".equalsIgnoreCase(target.getScheme()) || target.getRawUserInfo() != null
                || target.getPort() != -1 && target.getPort() != 443) {
            return new Refused(HEADER + " must be an https URL of " + QUEUE_HOST + " or " + REST_HOST);
        }
        String host = target.getHost() == null ? "" : target.getHost().toLowerCase(Locale.ROOT);
        FalRoute.Host expected = switch (host) {
            case QUEUE_HOST -> FalRoute.Host.QUEUE;
            case REST_HOST -> FalRoute.Host.REST;
            case "fal.run" -> null;
            default -> FalRoute.Host.NONE;
        };
        if (expected == null) {
            return new Refused("synchronous fal.run calls are not supported; use the queue (subscribe or "
                    + "queue.submit)");
        }
        if (expected == FalRoute.Host.NONE) {
            return new Refused("this proxy only forwards to " + QUEUE_HOST + " and " + REST_HOST + ", not " + host);
        }
        String path = target.getPath() == null ? "" : target.getPath();
        Optional<FalRoute> route = FalRoute.match(method, path).filter(r -> r.kind().host() == expected);
        if (route.isEmpty()) {
            return new Refused(method + " " + host + path + " is not a call of " + ApiUrls.MODEL_ID
                    + " that this proxy serves");
        }
        return new Routed(route.get(), QueryString.lastValues(QueryString.parse(target.getRawQuery())));
    }
}
