package dev.sticker.engine.png;

import dev.sticker.engine.image.Parallelism;
import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A small, fast PNG writer for 8-bit RGB and RGBA. Rows are filtered and compressed in fixed strips of
 * {@link #STRIP_ROWS} rows, each a run of raw deflate blocks ended by a sync flush (as pigz does), so strips can be
 * compressed in parallel and the bytes never depend on the thread count. The zlib checksum is combined from the
 * strips' checksums. Strips are compressed by {@link RunDeflater} (literals and runs), or by zlib at a given level.
 */
public final class PngEncoder {

    public static final int STRIP_ROWS = 64;
    /** The compression level that selects {@link RunDeflater} instead of zlib. */
    public static final int RUN_LENGTH = -1;
    /**
     * Chosen by measurement (see docs/BENCHMARKS.md): on stickers, literals and runs take 60% of the time of zlib at
     * level 1 and come out 7% smaller; past level 1 zlib shrinks the files little and takes much longer.
     */
    public static final int DEFAULT_LEVEL = RUN_LENGTH;
    public static final RowFilter DEFAULT_FILTER = RowFilter.UP;

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int ADLER_BASE = 65521;

    private final int level;
    private final RowFilter filter;
    private final Parallelism parallelism;

    /** {@code level}: {@link #RUN_LENGTH}, or a zlib level from 1 to 9. */
    public PngEncoder(int level, RowFilter filter, Parallelism parallelism) {
        this.level = level;
        this.filter = filter;
        this.parallelism = parallelism;
    }

    public PngEncoder(Parallelism parallelism) {
        this(DEFAULT_LEVEL, DEFAULT_FILTER, parallelism);
    }

    /** Encodes packed {@code 0xRRGGBB} pixels as an RGB PNG. */
    public byte[] rgb(int[] pixels, int width, int height) {
        return encode(pixels, width, height, false);
    }

    /** Encodes packed {@code 0xAARRGGBB} (not premultiplied) pixels as an RGBA PNG. */
    public byte[] rgba(int[] pixels, int width, int height) {
        return encode(pixels, width, height, true);
    }

    /**
     * Produces rows {@code [y0, y1)} of two images of the same size, packed {@code 0xRRGGBB} and
     * {@code 0xAARRGGBB}, into arrays of {@code (y1 - y0) * width}.
     */
    @FunctionalInterface
    public interface RowPairs {
        void fill(int y0, int y1, int[] rgb, int[] argb);
    }

    /**
     * Encodes an RGB image and an RGBA image of the same size whose rows {@code rows} produces strip by strip, so
     * neither image is ever held whole (and each strip is encoded while its pixels are still in cache). Returns
     * the RGB PNG and the RGBA PNG.
     */
    public byte[][] rgbAndRgba(RowPairs rows, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("no pixels in " + width + "x" + height);
        }
        int strips = (height + STRIP_ROWS - 1) / STRIP_ROWS;
        Strip[] rgb = new Strip[strips];
        Strip[] rgba = new Strip[strips];
        parallelism.forRange(strips, 1, (from, to) -> {
            for (int s = from; s < to; s++) {
                int y0 = s * STRIP_ROWS;
                int y1 = Math.min(height, y0 + STRIP_ROWS);
                // the row above the strip too, which the filters predict from
                int first = Math.max(0, y0 - 1);
                int[] rgbRows = new int[(y1 - first) * width];
                int[] argbRows = new int[(y1 - first) * width];
                rows.fill(first, y1, rgbRows, argbRows);
                rgb[s] = strip(rgbRows, first, width, y0, y1, 3, s == strips - 1);
                rgba[s] = strip(argbRows, first, width, y0, y1, 4, s == strips - 1);
            }
        });
        return new byte[][] {assemble(rgb, width, height, false), assemble(rgba, width, height, true)};
    }

    private record Strip(byte[] deflated, long adler, int length) {
    }

    private byte[] encode(int[] pixels, int width, int height, boolean alpha) {
        if (width <= 0 || height <= 0 || pixels.length != width * height) {
            throw new IllegalArgumentException("pixels do not match " + width + "x" + height);
        }
        int channels = alpha ? 4 : 3;
        int strips = (height + STRIP_ROWS - 1) / STRIP_ROWS;
        Strip[] encoded = new Strip[strips];
        parallelism.forRange(strips, 1, (from, to) -> {
            for (int s = from; s < to; s++) {
                int y0 = s * STRIP_ROWS;
                encoded[s] = strip(pixels, 0, width, y0, Math.min(height, y0 + STRIP_ROWS), channels,
                        s == strips - 1);
            }
        });
        return assemble(encoded, width, height, alpha);
    }

    /** The PNG file: signature, IHDR, one IDAT per strip (zlib header in the first, checksum in the last), IEND. */
    private byte[] assemble(Strip[] encoded, int width, int height, boolean alpha) {
        int strips = encoded.length;
        long adler = 1;
        for (Strip strip : encoded) {
            adler = combineAdler(adler, strip.adler(), strip.length());
        }
        int size = SIGNATURE.length + 12 + 13 + 12;
        for (Strip strip : encoded) {
            size += 12 + strip.deflated().length;
        }
        size += 2 + 4;
        ChunkWriter out = new ChunkWriter(size);
        out.raw(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8;
        header[9] = (byte) (alpha ? 6 : 2);
        out.chunk("IHDR", header, null, null);
        byte[] zlibHeader = {0x78, (byte) (level <= 1 ? 0x01 : level < 6 ? 0x5E : level == 6 ? 0x9C : 0xDA)};
        byte[] trailer = new byte[4];
        putInt(trailer, 0, (int) adler);
        for (int s = 0; s < strips; s++) {
            out.chunk("IDAT", encoded[s].deflated(), s == 0 ? zlibHeader : null, s == strips - 1 ? trailer : null);
        }
        out.chunk("IEND", new byte[0], null, null);
        return out.bytes();
    }

    /**
     * Filters and compresses image rows {@code [y0, y1)}; {@code pixels} holds rows from {@code firstRow} on
     * (including row {@code y0 - 1} when {@code y0 > 0}).
     */
    private Strip strip(int[] pixels, int firstRow, int width, int y0, int y1, int channels, boolean last) {
        int stride = width * channels;
        int length = (y1 - y0) * (stride + 1);
        // one spare byte: the Up filter writes each pixel as four bytes, the last one past an RGB row's end
        byte[] filtered = new byte[length + 1];
        if (filter == RowFilter.UP) {
            filterUp(pixels, firstRow, width, y0, y1, channels, filtered);
        } else {
            filterRows(pixels, firstRow, width, y0, y1, channels, filtered);
        }
        Adler32 checksum = new Adler32();
        checksum.update(filtered, 0, length);
        byte[] deflated = level == RUN_LENGTH ? RunDeflater.deflate(filtered, length, channels, last)
                : deflate(filtered, length, last);
        return new Strip(deflated, checksum.getValue(), length);
    }

    /**
     * The Up filter straight from packed pixels: the four bytes of a pixel are subtracted from those of the pixel
     * above in one int (each byte on its own, without borrows), reordered to R, G, B, A and stored at once; for RGB
     * the fourth byte is overwritten by the next pixel (or the next row's filter byte, or is the spare byte).
     */
    private static void filterUp(int[] pixels, int firstRow, int width, int y0, int y1, int channels,
                                 byte[] filtered) {
        int at = 0;
        for (int y = y0; y < y1; y++) {
            filtered[at++] = (byte) RowFilter.UP.type();
            int row = (y - firstRow) * width;
            int above = row - width;
            for (int x = 0; x < width; x++, at += channels) {
                int p = pixels[row + x];
                int q = y > 0 ? pixels[above + x] : 0;
                int difference = ((p | 0x80808080) - (q & 0x7F7F7F7F)) ^ ((p ^ ~q) & 0x80808080);
                INTS.set(filtered, at, difference & 0xFF00FF00 | (difference >>> 16) & 0xFF
                        | (difference & 0xFF) << 16);
            }
        }
    }

    private void filterRows(int[] pixels, int firstRow, int width, int y0, int y1, int channels, byte[] filtered) {
        int stride = width * channels;
        byte[] previous = new byte[stride];
        byte[] current = new byte[stride];
        if (y0 > 0) {
            unpackRow(pixels, width, y0 - 1 - firstRow, channels, previous);
        }
        for (int y = y0; y < y1; y++) {
            unpackRow(pixels, width, y - firstRow, channels, current);
            filter.apply(current, previous, channels, filtered, (y - y0) * (stride + 1));
            byte[] swap = previous;
            previous = current;
            current = swap;
        }
    }

    private byte[] deflate(byte[] data, int length, boolean last) {
        Deflater deflater = new Deflater(level, true);
        try {
            deflater.setInput(data, 0, length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(length / 4 + 64);
            byte[] buffer = new byte[64 * 1024];
            if (last) {
                deflater.finish();
                while (!deflater.finished()) {
                    int n = deflater.deflate(buffer);
                    out.write(buffer, 0, n);
                }
            } else {
                int n;
                do {
                    n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
                    out.write(buffer, 0, n);
                } while (n == buffer.length);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void unpackRow(int[] pixels, int width, int y, int channels, byte[] row) {
        int offset = y * width;
        if (channels == 3) {
            for (int x = 0, j = 0; x < width; x++, j += 3) {
                int p = pixels[offset + x];
                row[j] = (byte) (p >> 16);
                row[j + 1] = (byte) (p >> 8);
                row[j + 2] = (byte) p;
            }
        } else {
            for (int x = 0, j = 0; x < width; x++, j += 4) {
                int p = pixels[offset + x];
                row[j] = (byte) (p >> 16);
                row[j + 1] = (byte) (p >> 8);
                row[j + 2] = (byte) p;
                row[j + 3] = (byte) (p >>> 24);
            }
        }
    }

    /** zlib's adler32_combine: the checksum of A followed by B from those of A and B and B's length. */
    static long combineAdler(long first, long second, long secondLength) {
        long remainder = secondLength % ADLER_BASE;
        long sum1 = first & 0xFFFF;
        long sum2 = (remainder * sum1) % ADLER_BASE;
        sum1 += (second & 0xFFFF) + ADLER_BASE - 1;
        sum2 += ((first >> 16) & 0xFFFF) + ((second >> 16) & 0xFFFF) + ADLER_BASE - remainder;
        if (sum1 >= ADLER_BASE) {
            sum1 -= ADLER_BASE;
        }
        if (sum1 >= ADLER_BASE) {
            sum1 -= ADLER_BASE;
        }
        if (sum2 >= (ADLER_BASE << 1)) {
            sum2 -= (ADLER_BASE << 1);
        }
        if (sum2 >= ADLER_BASE) {
            sum2 -= ADLER_BASE;
        }
        return sum1 | (sum2 << 16);
    }

    private static void putInt(byte[] target, int at, int value) {
        target[at] = (byte) (value >>> 24);
        target[at + 1] = (byte) (value >>> 16);
        target[at + 2] = (byte) (value >>> 8);
        target[at + 3] = (byte) value;
    }

    /** Fills an exactly-sized array with length-type-data-CRC chunks. */
    private static final class ChunkWriter {
        private final byte[] bytes;
        private int position;

        ChunkWriter(int size) {
            bytes = new byte[size];
        }

        void raw(byte[] data) {
            System.arraycopy(data, 0, bytes, position, data.length);
            position += data.length;
        }

        /** Writes one chunk whose data is {@code prefix + data + suffix} (either may be null). */
        void chunk(String type, byte[] data, byte[] prefix, byte[] suffix) {
            int length = data.length + (prefix == null ? 0 : prefix.length) + (suffix == null ? 0 : suffix.length);
            putInt(bytes, position, length);
            position += 4;
            int crcStart = position;
            raw(type.getBytes(StandardCharsets.US_ASCII));
            if (prefix != null) {
                raw(prefix);
            }
            raw(data);
            if (suffix != null) {
                raw(suffix);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, crcStart, position - crcStart);
            putInt(bytes, position, (int) crc.getValue());
            position += 4;
        }

        byte[] bytes() {
            return bytes;
        }
    }
}
