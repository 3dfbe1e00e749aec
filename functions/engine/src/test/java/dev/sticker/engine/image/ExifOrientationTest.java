package dev.sticker.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExifOrientationTest {

    /** 3 wide, 2 high: a b c / d e f. */
    private static final RgbImage SAMPLE = new RgbImage(3, 2, new int[] {'a', 'b', 'c', 'd', 'e', 'f'});

    @Test
    void everyOrientationTurnsTheImageUpright() {
        assertArrayEquals(new int[] {'a', 'b', 'c', 'd', 'e', 'f'}, turned(1));
        assertArrayEquals(new int[] {'c', 'b', 'a', 'f', 'e', 'd'}, turned(2));
        assertArrayEquals(new int[] {'f', 'e', 'd', 'c', 'b', 'a'}, turned(3));
        assertArrayEquals(new int[] {'d', 'e', 'f', 'a', 'b', 'c'}, turned(4));
        assertArrayEquals(new int[] {'a', 'd', 'b', 'e', 'c', 'f'}, turned(5));
        assertArrayEquals(new int[] {'d', 'a', 'e', 'b', 'f', 'c'}, turned(6));
        assertArrayEquals(new int[] {'f', 'c', 'e', 'b', 'd', 'a'}, turned(7));
        assertArrayEquals(new int[] {'c', 'f', 'b', 'e', 'a', 'd'}, turned(8));
        assertEquals(2, ExifOrientation.apply(SAMPLE, 6).width());
    }

    @Test
    void hostileSegmentsReadAsNormal() {
        byte[] lying = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0x7F, (byte) 0xFF, 'E', 'x', 'i', 'f'};
        assertEquals(1, ExifOrientation.ofJpeg(lying));
        byte[] badOffset = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0, 16, 'E', 'x', 'i', 'f', 0, 0,
            'M', 'M', 0, 42, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertEquals(1, ExifOrientation.ofJpeg(badOffset));
    }

    private static int[] turned(int orientation) {
        return ExifOrientation.apply(SAMPLE, orientation).pixels();
    }
}
