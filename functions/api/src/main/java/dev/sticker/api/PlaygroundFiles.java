package dev.sticker.api;

import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.FalWire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The playground: a page and its scripts and styles, packaged in this jar under {@code playground/} and served by
 * the API itself, so a deployment needs nothing else (no CDN, no bucket website).
 *
 * <p>Every answer carries a strong ETag and {@code Cache-Control: no-cache}: browsers keep the files but ask
 * each time whether they changed, so a new deployment is never mixed with an old script, and an unchanged file
 * costs a 304.
 */
final class PlaygroundFiles {

    static final String PAGE = "index.html";
    /** Where the page says its own base is, so relative URLs work at "/", "/playground" and under a stage. */
    static final String BASE_PLACEHOLDER = "{{base}}";

    private static final String FOLDER = "playground/";
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9._~%-]+)*");
    private static final Pattern ASSET_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(css|js)");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8");
    /**
     * Scripts and styles only from this API; images and uploads from anywhere over http(s), since results and
     * uploads are presigned URLs of the bucket. No framing, no plugins, no forms posted elsewhere.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self'; img-src 'self' data: blob: http: https:; connect-src 'self' http: https:; "
            + "base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

    private final ClassLoader loader;
    private final Map<String, String> texts = new ConcurrentHashMap<>();

    PlaygroundFiles(ClassLoader loader) {
        this.loader = loader;
    }

    /** The page, its base being the path of this API's base URL ("/" locally, "/v1/" under a stage). */
    ApiReply page(ApiUrls urls, String ifNoneMatch) {
        String html = text(PAGE).orElseThrow(() -> new IllegalStateException("the playground page is missing"))
                .replace(BASE_PLACEHOLDER, basePath(urls) + "/");
        return reply(PAGE, html, ifNoneMatch).withHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }

    /** A script or style sheet by its file name; 404 for anything else. */
    ApiReply asset(String name, String ifNoneMatch) {
        if (name == null || !ASSET_NAME.matcher(name).matches()) {
            return FalWire.error(404, "Not found");
        }
        return text(name).map(body -> reply(name, body, ifNoneMatch)).orElseGet(() -> FalWire.error(404, "Not found"));
    }

    /** Only the path: the page never names a host, whatever Host header it was asked with. */
    private static String basePath(ApiUrls urls) {
        try {
            String path = new URI(urls.base()).getRawPath();
            return path == null || !SAFE_PATH.matcher(path).matches() ? "" : path;
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static ApiReply reply(String name, String body, String ifNoneMatch) {
        String etag = "\"" + digest(body) + "\"";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-cache");
        headers.put("ETag", etag);
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "same-origin");
        if (ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).map(String::strip).anyMatch(etag::equals)) {
            return new ApiReply(304, headers, "");
        }
        headers.put("Content-Type", CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        return new ApiReply(200, headers, body);
    }

    private Optional<String> text(String name) {
        String cached = texts.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        try (InputStream in = loader.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                return Optional.empty();
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            texts.put(name, text);
            return Optional.of(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FOLDER + name, e);
        }
    }

    private static String digest(String body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
