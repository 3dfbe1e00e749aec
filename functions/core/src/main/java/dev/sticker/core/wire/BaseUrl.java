package dev.sticker.core.wire;

/** A base URL that paths are appended to, each with its own leading slash. */
public final class BaseUrl {

    private BaseUrl() {
    }

    /** The URL without its trailing slash, so that {@code base + "/path"} never doubles one. */
    public static String of(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
