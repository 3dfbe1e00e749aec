package dev.sticker.formats;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The photo formats we accept, recognised by their first bytes, never by a declared Content-Type. The one detector:
 * the API refuses a non-image before any work, the engine picks its decoder, the CLI names a data URI's type.
 */
public enum ImageType {
    JPEG("image/jpeg", "jpeg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp"),
    GIF("image/gif", "gif"),
    BMP("image/bmp", "bmp");

    private final String mimeType;
    private final String formatName;

    ImageType(String mimeType, String formatName) {
        this.mimeType = mimeType;
        this.formatName = formatName;
    }

    public String mimeType() {
        return mimeType;
    }

    /** The informal format name ImageIO knows this format's readers by. */
    public String formatName() {
        return formatName;
    }

    public static Optional<ImageType> sniff(byte[] bytes) {
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(bytes, 0, 'R', 'I', 'F', 'F') && startsWith(bytes, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        if (startsWith(bytes, 0, 'G', 'I', 'F', '8', '7', 'a') || startsWith(bytes, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of(GIF);
        }
        if (startsWith(bytes, 0, 'B', 'M') && bytes.length >= 26) {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    /** A short guess at what non-image bytes are, for the error message (e.g. text/html). */
    public static String describeNonImage(byte[] bytes) {
        if (bytes.length == 0) {
            return "empty";
        }
        String head = new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.ISO_8859_1)
                .stripLeading().toLowerCase(Locale.ROOT);
        if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<head")
                || head.startsWith("<body")) {
            return "text/html";
        }
        if (head.startsWith("<?xml") || head.startsWith("<svg")) {
            return head.contains("<svg") ? "image/svg+xml (not supported)" : "application/xml";
        }
        if (head.startsWith("{") || head.startsWith("[")) {
            return "application/json";
        }
        if (startsWith(bytes, 0, '%', 'P', 'D', 'F')) {
            return "application/pdf";
        }
        boolean printable = head.chars().allMatch(c -> c == '\n' || c == '\r' || c == '\t' || (c >= 0x20 && c < 0x7F));
        return printable ? "text/plain" : "unrecognised binary";
    }

    private static boolean startsWith(byte[] bytes, int offset, int... expected) {
        if (bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
