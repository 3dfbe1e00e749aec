package dev.sticker.engine.image;

/**
 * Reads the EXIF orientation (TIFF tag 0x0112) from a JPEG's APP1 segment and turns pixels upright. Only the few
 * header bytes involved are parsed; every offset is bounds-checked, so hostile bytes yield orientation 1.
 */
public final class ExifOrientation {

    public static final int NORMAL = 1;
    private static final int TAG_ORIENTATION = 0x0112;

    private ExifOrientation() {
    }

    /** The orientation 1..8 declared by a JPEG file, or 1 when absent or unreadable. */
    public static int ofJpeg(byte[] jpeg) {
        int pos = 2;
        while (pos + 4 <= jpeg.length) {
            if ((jpeg[pos] & 0xFF) != 0xFF) {
                return NORMAL;
            }
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker == 0xFF) {
                pos++;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) {
                return NORMAL;
            }
            int length = u16(jpeg, pos + 2, false);
            int body = pos + 4;
            if (length < 2 || body + length - 2 > jpeg.length) {
                return NORMAL;
            }
            if (marker == 0xE1 && length >= 8 && isExifHeader(jpeg, body)) {
                return ofTiff(jpeg, body + 6, body + length - 2);
            }
            pos = body + length - 2;
        }
        return NORMAL;
    }

    private static boolean isExifHeader(byte[] b, int at) {
        return b[at] == 'E' && b[at + 1] == 'x' && b[at + 2] == 'i' && b[at + 3] == 'f' && b[at + 4] == 0
                && b[at + 5] == 0;
    }

    private static int ofTiff(byte[] b, int start, int end) {
        if (start + 8 > end) {
            return NORMAL;
        }
        boolean little;
        if (b[start] == 'I' && b[start + 1] == 'I') {
            little = true;
        } else if (b[start] == 'M' && b[start + 1] == 'M') {
            little = false;
        } else {
            return NORMAL;
        }
        long ifd = start + u32(b, start + 4, little);
        if (ifd + 2 > end) {
            return NORMAL;
        }
        int entries = u16(b, (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > end) {
                return NORMAL;
            }
            int at = (int) entry;
            if (u16(b, at, little) == TAG_ORIENTATION) {
                int value = u16(b, at + 8, little);
                return value >= 1 && value <= 8 ? value : NORMAL;
            }
        }
        return NORMAL;
    }

    private static int u16(byte[] b, int at, boolean little) {
        int first = b[at] & 0xFF;
        int second = b[at + 1] & 0xFF;
        return little ? first | second << 8 : first << 8 | second;
    }

    private static long u32(byte[] b, int at, boolean little) {
        long high = u16(b, little ? at + 2 : at, little);
        long low = u16(b, little ? at : at + 2, little);
        return high << 16 | low;
    }

    /** Returns the image turned upright for an EXIF orientation (1 returns it unchanged). */
    public static RgbImage apply(RgbImage image, int orientation) {
        if (orientation <= NORMAL || orientation > 8) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swaps = orientation >= 5;
        int outW = swaps ? h : w;
        int outH = swaps ? w : h;
        int[] src = image.pixels();
        int[] out = new int[src.length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int sx;
                int sy;
                switch (orientation) {
                    case 2 -> { sx = w - 1 - x; sy = y; }
                    case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                    case 4 -> { sx = x; sy = h - 1 - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = h - 1 - x; }
                    case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                    default -> { sx = w - 1 - y; sy = x; }
                }
                out[y * outW + x] = src[sy * w + sx];
            }
        }
        return new RgbImage(outW, outH, out);
    }
}
