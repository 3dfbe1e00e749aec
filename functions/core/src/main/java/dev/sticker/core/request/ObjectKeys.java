package dev.sticker.core.request;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where a request's objects live in the object store; the file route serves only these prefixes. */
public final class ObjectKeys {

    private static final Pattern UPLOAD = Pattern.compile("uploads/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/[^/]+");
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

    /** A file a caller uploads through the storage upload, under a fresh id so names never collide. */
    public static String upload(String uploadId, String fileName) {
        return "uploads/" + uploadId + "/" + fileName;
    }

    /** The request an input or result belongs to ({@code inputs/{id}/...}, {@code results/{id}/...}). */
    public static Optional<String> requestIdOf(String key) {
        if (key == null || !(key.startsWith("inputs/") || key.startsWith("results/"))) {
            return Optional.empty();
        }
        String[] parts = key.split("/", 3);
        return parts.length == 3 && !parts[1].isEmpty() ? Optional.of(parts[1]) : Optional.empty();
    }

    /** Whether the key has the shape of a caller upload: {@code uploads/{uuid}/{file name}}. */
    public static boolean isUpload(String key) {
        return key != null && UPLOAD.matcher(key).matches() && isServable(key);
    }

    /** Whether the public file route may hand out this key. */
    public static boolean isServable(String key) {
        return key != null && SERVABLE_PREFIXES.stream().anyMatch(key::startsWith)
                && !key.contains("..") && !key.contains("//") && !key.contains("\\");
    }
}
