package dev.sticker.core.photo;

import dev.sticker.formats.ImageType;

import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/** Decodes {@code data:image/...;base64,...} photos, with a size limit on the decoded bytes. */
public final class DataUri {

    /**
     * The largest decoded photo accepted inline: its base64 form (6 000 000 characters) plus the rest of the body
     * still fits Lambda's 6 MB request payload. Larger photos go through the storage upload.
     */
    public static final long MAX_DECODED_BYTES = 4_500_000;

    /** Line breaks and spaces are tolerated (some encoders wrap lines); any other non-alphabet character is not. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

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
            bytes = Base64.getDecoder().decode(WHITESPACE.matcher(uri.substring(comma + 1)).replaceAll(""));
        } catch (IllegalArgumentException e) {
            return FetchResult.refused("image_url data URI is not valid base64");
        }
        return ImageType.sniff(bytes)
                .<FetchResult>map(type -> new FetchResult.Fetched(bytes, type))
                .orElseGet(() -> FetchResult.refused("image_url is not an image (got "
                        + ImageType.describeNonImage(bytes) + " bytes)"));
    }
}
