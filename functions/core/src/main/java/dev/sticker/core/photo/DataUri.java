package dev.sticker.core.photo;

import dev.sticker.formats.ImageType;

import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/** Decodes {@code data:image/...;base64,...} photos, with a size limit on the decoded bytes. */
public final class DataUri {

    /**
     * The largest decoded photo accepted inline: its base64 form (6 000 000 characters) plus the rest of the body
     * still fits Lambda's 6 MB request payload. Larger photos go through the storage upload.
     */
    public static final long MAX_DECODED_BYTES = 4_500_000;

    private DataUri() {
    }

    public static boolean isDataUri(String url) {
        return url.regionMatches(true, 0, "data:", 0, 5);
    }

    /** The decoded size without decoding (to refuse oversized payloads before any work). */
    public static long decodedSize(String uri) {
        int comma = uri.indexOf(',');
        if (comma < 0) {
            return 0;
        }
        long chars = uri.length() - comma - 1L;
        int padding = uri.endsWith("==") ? 2 : uri.endsWith("=") ? 1 : 0;
        return chars * 3 / 4 - padding;
    }

    public static FetchResult decode(String uri, long maxBytes) {
        int comma = uri.indexOf(',');
        String header = comma < 0 ? "" : uri.substring(0, comma).toLowerCase(Locale.ROOT);
        if (!header.startsWith("data:image/") || !header.endsWith(";base64")) {
            return FetchResult.refused("image_url data URI should be data:image/<type>;base64,<data>");
        }
        if (decodedSize(uri) > maxBytes) {
            return FetchResult.refused("image_url data URI is larger than " + maxBytes + " bytes");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(withoutWhitespace(uri, comma + 1));
        } catch (IllegalArgumentException e) {
            return FetchResult.refused("image_url data URI is not valid base64");
        }
        return ImageType.sniff(bytes)
                .<FetchResult>map(type -> new FetchResult.Fetched(bytes, type))
                .orElseGet(() -> FetchResult.refused("image_url is not an image (got "
                        + ImageType.describeNonImage(bytes) + " bytes)"));
    }

    /**
     * The base64 text from {@code start} on, as bytes, without the spaces and line breaks some encoders wrap it in.
     * Any other character outside the alphabet is refused: by the decoder, or here when it is not ASCII (its low byte
     * could pass for a base64 one). One pass, no regular expression: the text runs to megabytes.
     */
    private static byte[] withoutWhitespace(String uri, int start) {
        byte[] text = new byte[uri.length() - start];
        int length = 0;
        for (int i = start; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0x0B) {
                continue;
            }
            if (c > 0x7F) {
                throw new IllegalArgumentException("not base64");
            }
            text[length++] = (byte) c;
        }
        return length == text.length ? text : Arrays.copyOf(text, length);
    }
}
