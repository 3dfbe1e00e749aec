package dev.sticker.engine.png;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RunDeflaterTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 258, 259, 1000, 70_000})
    void aRunOfAnyLengthInflatesBack(int run) throws DataFormatException {
        byte[] data = new byte[run + 20];
        new SplittableRandom(run).nextBytes(data);
        for (int i = 10; i < 10 + run; i++) {
            data[i] = 42;
        }
        assertArrayEquals(data, inflate(RunDeflater.deflate(data, data.length, 3, true)));
    }

    @Test
    void repeatedPixelsBecomeMatchesAtThePixelSize() throws DataFormatException {
        byte[] data = new byte[4 * 10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 4 * 60);
        }
        byte[] deflated = RunDeflater.deflate(data, data.length, 4, true);
        assertArrayEquals(data, inflate(deflated));
        assertTrue(deflated.length < 200, "40,000 bytes of one pixel took " + deflated.length);
    }

    @Test
    void noiseUsingEveryByteValueInflatesBack() throws DataFormatException {
        byte[] data = new byte[100_000];
        new SplittableRandom(7).nextBytes(data);
        assertArrayEquals(data, inflate(RunDeflater.deflate(data, data.length, 3, true)));
    }

    @Test
    void skewedSymbolsGetCodesOfAtMostFifteenBits() throws DataFormatException {
        // Fibonacci-like frequencies make an unrestricted Huffman code deeper than deflate's 15 bits.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long a = 1;
        long b = 1;
        for (int symbol = 0; symbol < 25; symbol++) {
            for (long n = 0; n < a; n++) {
                out.write(symbol * 9);
                out.write(symbol * 9 + 1);
            }
            long next = a + b;
            a = b;
            b = next;
        }
        byte[] data = out.toByteArray();
        assertArrayEquals(data, inflate(RunDeflater.deflate(data, data.length, 3, true)));
        int[] frequency = new int[30];
        for (int s = 0; s < 30; s++) {
            frequency[s] = (int) Math.min(Integer.MAX_VALUE, Math.round(Math.pow(1.618, s)));
        }
        for (byte length : RunDeflater.codeLengths(frequency, 15)) {
            assertTrue(length >= 1 && length <= 15, "code length " + length);
        }
    }

    @Test
    void partsThatAreNotLastConcatenateIntoOneStream() throws DataFormatException {
        byte[] first = new byte[5_000];
        byte[] second = new byte[3_000];
        new SplittableRandom(3).nextBytes(first);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(RunDeflater.deflate(first, first.length, 3, false));
        stream.writeBytes(RunDeflater.deflate(second, second.length, 3, true));
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        assertArrayEquals(both, inflate(stream.toByteArray()));
    }

    @Test
    void aSingleByteAndNothingAtAllInflateBack() throws DataFormatException {
        byte[] data = new byte[1];
        assertArrayEquals(data, inflate(RunDeflater.deflate(data, 1, 3, true)));
        assertEquals(0, inflate(RunDeflater.deflate(new byte[5], 0, 3, true)).length);
    }

    private static byte[] inflate(byte[] deflated) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        inflater.setInput(deflated);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                throw new DataFormatException("stream ended before its final block");
            }
            out.write(buffer, 0, n);
        }
        inflater.end();
        return out.toByteArray();
    }
}
