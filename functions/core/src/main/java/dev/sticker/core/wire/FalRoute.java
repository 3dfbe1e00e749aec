package dev.sticker.core.wire;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One call of fal's API that this service answers, however it arrived: on its own route or through the fal proxy
 * ({@link ProxyTarget}). This is the one table from method and path to call.
 *
 * @param kind      which call
 * @param requestId the request the call is about (status, stream, result, cancel), else null
 * @param fileKey   the object key of the file route, else null
 */
public record FalRoute(Kind kind, String requestId, String fileKey) {

    /** The calls, with where fal serves them: the queue host or the REST host (storage). */
    public enum Kind {
        SUBMIT(Host.QUEUE),
        STATUS(Host.QUEUE),
        STATUS_STREAM(Host.QUEUE),
        RESULT(Host.QUEUE),
        CANCEL(Host.QUEUE),
        UPLOAD_INITIATE(Host.REST),
        UPLOAD_INITIATE_MULTIPART(Host.REST),
        /** This API's own durable file route; fal has no such call, so the proxy never reaches it. */
        FILE(Host.NONE);

        private final Host host;

        Kind(Host host) {
            this.host = host;
        }

        public Host host() {
            return host;
        }
    }

    /** Which of fal's hosts serves a call. */
    public enum Host {
        /** queue.fal.run */
        QUEUE,
        /** rest.fal.ai */
        REST,
        /** not a fal call */
        NONE
    }

    private static final String MODEL = "/" + ApiUrls.MODEL_ID;
    private static final Pattern REQUEST_PATH =
            Pattern.compile(Pattern.quote(MODEL) + "/requests/([A-Za-z0-9_-]{1,64})(/status|/status/stream|/cancel)?");
    private static final String FILES = ApiUrls.FILES_PATH;

    /** The call a method and path (no stage, no query) make, or empty when this API has no such call. */
    public static Optional<FalRoute> match(String method, String path) {
        if (method == null || path == null) {
            return Optional.empty();
        }
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "POST" -> post(trimmed);
            case "GET" -> get(trimmed);
            case "PUT" -> requestCall(trimmed).filter(route -> route.kind() == Kind.CANCEL);
            default -> Optional.empty();
        };
    }

    private static Optional<FalRoute> post(String path) {
        return switch (path) {
            case MODEL -> Optional.of(new FalRoute(Kind.SUBMIT, null, null));
            case "/storage/upload/initiate" -> Optional.of(new FalRoute(Kind.UPLOAD_INITIATE, null, null));
            case "/storage/upload/initiate-multipart" ->
                    Optional.of(new FalRoute(Kind.UPLOAD_INITIATE_MULTIPART, null, null));
            default -> Optional.empty();
        };
    }

    private static Optional<FalRoute> get(String path) {
        if (path.startsWith(FILES) && path.length() > FILES.length()) {
            return Optional.of(new FalRoute(Kind.FILE, null, path.substring(FILES.length())));
        }
        return requestCall(path).filter(route -> route.kind() != Kind.CANCEL);
    }

    private static Optional<FalRoute> requestCall(String path) {
        Matcher matcher = REQUEST_PATH.matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String suffix = matcher.group(2) == null ? "" : matcher.group(2);
        Kind kind = switch (suffix) {
            case "/status" -> Kind.STATUS;
            case "/status/stream" -> Kind.STATUS_STREAM;
            case "/cancel" -> Kind.CANCEL;
            default -> Kind.RESULT;
        };
        return Optional.of(new FalRoute(kind, matcher.group(1), null));
    }
}
