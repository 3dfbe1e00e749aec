package dev.sticker.core.request;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a request's objects live in the object store; the file route serves only these prefixes. */
public final class ObjectKeys {

    private static final Pattern UPLOAD = Pattern.compile(
            "uploads/([a-z0-9][a-z0-9_-]{0,63})/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/[^/]+");
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

    /**
     * A file a caller uploads through the storage upload: under the caller's account, so a job reads only its own
     * account's uploads, and a fresh id, so names never collide.
     */
    public static String upload(String accountId, String uploadId, String fileName) {
        return "uploads/" + accountId + "/" + uploadId + "/" + fileName;
    }

    /** The request an input or result belongs to ({@code inputs/{id}/...}, {@code results/{id}/...}). */
    public static Optional<String> requestIdOf(String key) {
        if (key == null || !(key.startsWith("inputs/") || key.startsWith("results/"))) {
            return Optional.empty();
        }
        String[] parts = key.split("/", 3);
        return parts.length == 3 && !parts[1].isEmpty() ? Optional.of(parts[1]) : Optional.empty();
    }

    /** The account a caller upload ({@code uploads/{account}/{uuid}/{file name}}) belongs to, if the key is one. */
    public static Optional<String> uploadAccount(String key) {
        if (key == null || !isServable(key)) {
            return Optional.empty();
        }
        Matcher upload = UPLOAD.matcher(key);
        return upload.matches() ? Optional.of(upload.group(1)) : Optional.empty();
    }

    /** Whether the public file route may hand out this key. */
    public static boolean isServable(String key) {
        return key != null && SERVABLE_PREFIXES.stream().anyMatch(key::startsWith)
                && !key.contains("..") && !key.contains("//") && !key.contains("\\");
    }
}
