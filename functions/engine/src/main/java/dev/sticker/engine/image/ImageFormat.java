package dev.sticker.engine.image;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The photo formats the engine decodes, recognised by their leading bytes (never by a declared content type). */
public enum ImageFormat {
    JPEG("jpeg"),
    PNG("png"),
    GIF("gif"),
    BMP("bmp"),
    WEBP("webp");

    private final String readerName;

    ImageFormat(String readerName) {
        this.readerName = readerName;
    }

    /** The ImageIO format name whose reader decodes this format. */
    public String readerName() {
        return readerName;
    }

    public static Optional<ImageFormat> sniff(byte[] bytes) {
        if (startsWith(bytes, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(bytes, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (ascii(bytes, 0, "GIF87a") || ascii(bytes, 0, "GIF89a")) {
            return Optional.of(GIF);
        }
        if (ascii(bytes, 0, "BM") && bytes.length >= 26) {
            return Optional.of(BMP);
        }
        if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
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

    private static boolean ascii(byte[] bytes, int offset, String expected) {
        byte[] wanted = expected.getBytes(StandardCharsets.US_ASCII);
        int[] codes = new int[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            codes[i] = wanted[i];
        }
        return startsWith(bytes, offset, codes);
    }
}
