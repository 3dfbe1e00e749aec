package dev.sticker.core.wire;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every absolute URL this API hands out, built in one place from its public base
 * (e.g. {@code https://abc.execute-api.eu-west-1.amazonaws.com/v1}).
 */
public record ApiUrls(String base) {

    public static final String MODEL_ID = "fal-ai/face-to-sticker";
    /** Path prefix of the durable file route; it redirects to a fresh presigned GET of {@code key}. */
    public static final String FILES_PATH = "/files/";

    public ApiUrls {
        base = BaseUrl.of(base);
    }

    /**
     * The base as the caller sees it: the configured one, else derived from the request's X-Forwarded-Proto and
     * Host headers (header names in any case), plus {@code /{stage}} when the host is an API Gateway execute-api
     * domain (custom domains map the stage away).
     */
    public static ApiUrls resolve(Optional<String> configured, Map<String, String> headers, String stage) {
        if (configured.isPresent()) {
            return new ApiUrls(configured.get());
        }
        String host = header(headers, "host").orElse("localhost");
        String proto = header(headers, "x-forwarded-proto").map(p -> p.split(",")[0].strip()).orElse("http");
        boolean executeApi = host.toLowerCase(Locale.ROOT).contains(".execute-api.");
        String stagePath = executeApi && stage != null && !stage.isBlank() ? "/" + stage : "";
        return new ApiUrls(proto + "://" + host + stagePath);
    }

    public String requestUrl(String requestId) {
        return base + "/" + MODEL_ID + "/requests/" + requestId;
    }

    public String statusUrl(String requestId) {
        return requestUrl(requestId) + "/status";
    }

    public String cancelUrl(String requestId) {
        return requestUrl(requestId) + "/cancel";
    }

    /** Where the playground, the page that makes stickers in a browser, is served. */
    public String playgroundUrl() {
        return base + "/";
    }

    /** The durable URL of a stored object. */
    public String fileUrl(String key) {
        return base + FILES_PATH + key;
    }

    /** Where a remote worker posts its result for a request (see docs/remote-backend.md). */
    public String callbackUrl(String backendName, String requestId) {
        return base + "/webhooks/" + backendName + "/" + requestId;
    }

    /** The object key when {@code url} is one of this API's file URLs. */
    public Optional<String> fileKey(String url) {
        String prefix = base + FILES_PATH;
        return url.startsWith(prefix) && url.length() > prefix.length()
                ? Optional.of(url.substring(prefix.length())) : Optional.empty();
    }

    private static Optional<String> header(Map<String, String> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null)
                .map(Map.Entry::getValue).filter(v -> !v.isBlank()).findFirst();
    }
}
