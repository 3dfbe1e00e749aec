package dev.sticker.engine.image;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;

/** Hand-made image bytes for tests: hostile input, and metadata the JDK writers cannot write. */
public final class CraftedImages {

    private CraftedImages() {
    }

    /** A PNG signature and a valid IHDR claiming the given size, followed by a tiny IDAT and IEND. */
    public static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8;
        header[9] = 2;
        chunk(out, "IHDR", header);
        chunk(out, "IDAT", new byte[] {0x78, 0x01, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** Inserts an APP1 Exif segment (big-endian TIFF, one IFD entry: orientation) right after SOI. */
    public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0,
            0, 0, 0, 0};
        byte[] exif = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + exif.length + tiff.length;
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        segment.write(0xFF);
        segment.write(0xE1);
        segment.write(length >> 8);
        segment.write(length & 0xFF);
        segment.writeBytes(exif);
        segment.writeBytes(tiff);
        return withSegmentAfterSoi(jpeg, segment.toByteArray());
    }

    /** The JPEG with {@code segment} inserted right after its SOI marker. */
    public static byte[] withSegmentAfterSoi(byte[] jpeg, byte[] segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(segment);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        out.writeBytes(length);
        byte[] typed = new byte[4 + data.length];
        System.arraycopy(type.getBytes(), 0, typed, 0, 4);
        System.arraycopy(data, 0, typed, 4, data.length);
        out.writeBytes(typed);
        CRC32 crc = new CRC32();
        crc.update(typed);
        byte[] sum = new byte[4];
        putInt(sum, 0, (int) crc.getValue());
        out.writeBytes(sum);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
