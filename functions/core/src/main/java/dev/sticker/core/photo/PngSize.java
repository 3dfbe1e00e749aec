package dev.sticker.core.photo;

import dev.sticker.formats.ImageType;

import java.util.Optional;

/** The width and height a PNG declares in its IHDR chunk, read without decoding the image. */
public record PngSize(int width, int height) {

    public static Optional<PngSize> of(byte[] png) {
        if (ImageType.sniff(png).orElse(null) != ImageType.PNG || png.length < 24
                || png[12] != 'I' || png[13] != 'H' || png[14] != 'D' || png[15] != 'R') {
            return Optional.empty();
        }
        int width = readInt(png, 16);
        int height = readInt(png, 20);
        return width > 0 && height > 0 ? Optional.of(new PngSize(width, height)) : Optional.empty();
    }

    private static int readInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 24) | ((bytes[offset + 1] & 0xFF) << 16)
                | ((bytes[offset + 2] & 0xFF) << 8) | (bytes[offset + 3] & 0xFF);
    }
}
