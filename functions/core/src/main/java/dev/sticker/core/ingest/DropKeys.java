package dev.sticker.core.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the S3 drop box keeps things: photos and their sidecars under {@code incoming/}, what became of each under
 * {@code stickers/<name>/}, and, next to a request's input, the record of the photo it came from.
 */
public final class DropKeys {

    public static final String INCOMING = "incoming/";
    public static final String STICKERS = "stickers/";
    /** The suffixes that trigger generation (template.yaml subscribes to the same ones). */
    public static final List<String> PHOTO_SUFFIXES = List.of(".jpg", ".jpeg", ".png", ".webp");

    private DropKeys() {
    }

    /** {@code incoming/team/alice.jpg} is the photo named {@code team/alice}; anything else is not a dropped photo. */
    public static Optional<String> photoName(String key) {
        if (key == null || !key.startsWith(INCOMING)) {
            return Optional.empty();
        }
        String lower = key.toLowerCase(Locale.ROOT);
        return PHOTO_SUFFIXES.stream().filter(lower::endsWith).findFirst()
                .map(suffix -> key.substring(INCOMING.length(), key.length() - suffix.length()))
                .filter(name -> !name.isEmpty() && !name.endsWith("/"));
    }

    /** The optional inputs of a photo: {@code incoming/<name>.json}. */
    public static String sidecar(String name) {
        return INCOMING + name + ".json";
    }

    public static String sticker(String name) {
        return STICKERS + name + "/sticker.png";
    }

    public static String stickerBackgroundRemoved(String name) {
        return STICKERS + name + "/sticker_background_removed.png";
    }

    /** fal's result JSON of a photo that became a sticker. */
    public static String result(String name) {
        return STICKERS + name + "/result.json";
    }

    /** fal's error body of a photo that did not. */
    public static String error(String name) {
        return STICKERS + name + "/error.json";
    }

    /** Which dropped photo a request came from, kept beside its input so that whoever completes it can export. */
    public static String source(String requestId) {
        return "inputs/" + requestId + "/source.json";
    }
}
