package dev.sticker.core.request;

import java.util.List;

/** Where a request's objects live in the object store; the file route serves only these prefixes. */
public final class ObjectKeys {

    private static final List<String> SERVABLE_PREFIXES = List.of("inputs/", "results/", "uploads/");

    private ObjectKeys() {
    }

    /** A photo submitted inline as a data URI, stored so jobs and the request record stay small. */
    public static String input(String requestId) {
        return "inputs/" + requestId + "/input";
    }

    public static String sticker(String requestId) {
        return "results/" + requestId + "/sticker.png";
    }

    public static String stickerBackgroundRemoved(String requestId) {
        return "results/" + requestId + "/sticker_background_removed.png";
    }

    /** Whether the public file route may hand out this key. */
    public static boolean isServable(String key) {
        return key != null && SERVABLE_PREFIXES.stream().anyMatch(key::startsWith)
                && !key.contains("..") && !key.contains("//") && !key.contains("\\");
    }
}
