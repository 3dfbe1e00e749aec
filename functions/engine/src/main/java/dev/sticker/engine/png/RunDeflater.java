package dev.sticker.engine.png;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Raw deflate (RFC 1951) made for filtered PNG scanlines: every byte is a Huffman-coded literal except runs, which
 * become matches at distance 1 (a repeated byte) or at the pixel size (a repeated pixel). That is zlib's
 * {@code Z_RLE} strategy, which {@link java.util.zip.Deflater} does not offer: it finds what compresses in a
 * sticker (flat background, border and transparent areas, whose filtered rows are runs of zeros) without searching
 * for longer-distance matches that the artwork's grain makes rare. One dynamic-Huffman block per call.
 */
final class RunDeflater {

    /** Shortest run worth a match: a length-distance pair costs about as much as three or four literals. */
    private static final int MIN_RUN = 4;
    private static final int MAX_RUN = 258;
    private static final int END_OF_BLOCK = 256;
    private static final int LITERAL_LENGTH_CODES = 286;
    private static final int DISTANCE_CODES = 30;
    private static final int MAX_CODE_BITS = 15;
    private static final int MAX_CODE_LENGTH_BITS = 7;
    /** The order in which code-length code lengths are stored (RFC 1951, 3.2.7). */
    private static final int[] CODE_LENGTH_ORDER = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int[] LENGTH_SYMBOL = new int[MAX_RUN + 1];
    private static final int[] LENGTH_EXTRA_BITS = new int[MAX_RUN + 1];
    private static final int[] LENGTH_EXTRA = new int[MAX_RUN + 1];

    static {
        int[] base = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
            163, 195, 227, 258};
        int[] extra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
        for (int code = 0; code < base.length; code++) {
            int end = code + 1 < base.length ? base[code + 1] : MAX_RUN + 1;
            for (int length = base[code]; length < end && length <= MAX_RUN; length++) {
                LENGTH_SYMBOL[length] = 257 + code;
                LENGTH_EXTRA_BITS[length] = extra[code];
                LENGTH_EXTRA[length] = length - base[code];
            }
        }
        // 258 has a code of its own, without extra bits
        LENGTH_SYMBOL[MAX_RUN] = 285;
        LENGTH_EXTRA_BITS[MAX_RUN] = 0;
        LENGTH_EXTRA[MAX_RUN] = 0;
    }

    private RunDeflater() {
    }

    /**
     * {@code data[0, length)} as one deflate block, final if {@code last}; otherwise followed by an empty stored
     * block, so the output ends on a byte boundary and the next call's output can be appended (a sync flush).
     */
    static byte[] deflate(byte[] data, int length, int pixelBytes, boolean last) {
        Runs runs = new Runs();
        int[] literalFrequency = new int[LITERAL_LENGTH_CODES];
        int[] distanceFrequency = new int[DISTANCE_CODES];
        findRuns(data, length, pixelBytes, runs, literalFrequency, distanceFrequency);
        literalFrequency[END_OF_BLOCK]++;
        if (Arrays.stream(distanceFrequency).sum() == 0) {
            // a block must describe at least one distance code
            distanceFrequency[0] = 1;
        }
        byte[] literalLengths = codeLengths(literalFrequency, MAX_CODE_BITS);
        byte[] distanceLengths = codeLengths(distanceFrequency, MAX_CODE_BITS);
        int[] literalCodes = canonicalCodes(literalLengths);
        int[] distanceCodes = canonicalCodes(distanceLengths);

        // no code is longer than 15 bits, so two bytes per input byte always suffice
        BitWriter out = new BitWriter(2 * length + 1024);
        out.write(last ? 1 : 0, 1);
        out.write(2, 2);
        writeCodeLengths(out, literalLengths, distanceLengths);
        writeCodes(out, data, length, runs, literalCodes, literalLengths, distanceCodes, distanceLengths);
        out.write(literalCodes[END_OF_BLOCK], literalLengths[END_OF_BLOCK]);
        if (!last) {
            out.write(0, 3);
            out.alignToByte();
            out.write(0x0000, 16);
            out.write(0xFFFF, 16);
        }
        return out.toByteArray();
    }

    /** The runs found in the data, in order; every byte outside them is a literal. */
    private static final class Runs {
        int[] start = new int[256];
        int[] length = new int[256];
        int[] distance = new int[256];
        int count;

        void add(int at, int run, int from) {
            if (count == start.length) {
                start = Arrays.copyOf(start, 2 * count);
                length = Arrays.copyOf(length, 2 * count);
                distance = Arrays.copyOf(distance, 2 * count);
            }
            start[count] = at;
            length[count] = run;
            distance[count] = from;
            count++;
        }
    }

    /** Finds the runs worth a match and counts the symbols the block will use. */
    private static void findRuns(byte[] data, int length, int pixelBytes, Runs runs, int[] literalFrequency,
                                 int[] distanceFrequency) {
        // literals are counted in four tables by position, summed at the end: when one byte value repeats, a
        // single table would make each count wait for the previous one to be stored
        int[] literals = new int[4 * 256];
        int i = 0;
        while (i < length) {
            int run = 0;
            int distance = 0;
            // a run shorter than MIN_RUN (4) bytes is not used: one 4-byte comparison rules most out
            if (i + MIN_RUN <= length) {
                int next = (int) INTS.get(data, i);
                if (i >= 1 && next == (int) INTS.get(data, i - 1)) {
                    run = runLength(data, i, length, 1);
                    distance = 1;
                }
                if (run < MAX_RUN && i >= pixelBytes && next == (int) INTS.get(data, i - pixelBytes)) {
                    int pixelRun = runLength(data, i, length, pixelBytes);
                    if (pixelRun > run) {
                        run = pixelRun;
                        distance = pixelBytes;
                    }
                }
            }
            if (run >= MIN_RUN) {
                runs.add(i, run, distance);
                literalFrequency[LENGTH_SYMBOL[run]]++;
                distanceFrequency[distanceSymbol(distance)]++;
                i += run;
            } else {
                literals[(i & 3) << 8 | data[i] & 0xFF]++;
                i++;
            }
        }
        for (int b = 0; b < 256; b++) {
            literalFrequency[b] += literals[b] + literals[256 + b] + literals[512 + b] + literals[768 + b];
        }
    }

    /**
     * The block's codes: literals straight from the data between the runs, then each run. Symbol and extra bits of
     * a run are looked up as one bit pattern per run length, and the bit buffer lives in local variables: this
     * loop writes about one code per input byte.
     */
    private static void writeCodes(BitWriter out, byte[] data, int length, Runs runs, int[] literalCodes,
                                   byte[] literalLengths, int[] distanceCodes, byte[] distanceLengths) {
        int[] runPattern = new int[MAX_RUN + 1];
        int[] runBits = new int[MAX_RUN + 1];
        for (int run = MIN_RUN; run <= MAX_RUN; run++) {
            int symbol = LENGTH_SYMBOL[run];
            runPattern[run] = literalCodes[symbol] | LENGTH_EXTRA[run] << literalLengths[symbol];
            runBits[run] = literalLengths[symbol] + LENGTH_EXTRA_BITS[run];
        }
        byte[] bytes = out.bytes;
        int position = out.position;
        long buffer = out.buffer;
        int bits = out.bits;
        int at = 0;
        for (int r = 0; r <= runs.count; r++) {
            int literalsEnd = r < runs.count ? runs.start[r] : length;
            for (; at < literalsEnd; at++) {
                int literal = data[at] & 0xFF;
                buffer |= (long) literalCodes[literal] << bits;
                bits += literalLengths[literal];
                if (bits >= 32) {
                    putInt(bytes, position, (int) buffer);
                    position += 4;
                    buffer >>>= 32;
                    bits -= 32;
                }
            }
            if (r == runs.count) {
                break;
            }
            int run = runs.length[r];
            buffer |= (long) runPattern[run] << bits;
            bits += runBits[run];
            if (bits >= 32) {
                putInt(bytes, position, (int) buffer);
                position += 4;
                buffer >>>= 32;
                bits -= 32;
            }
            // distances 1 to 4 need no extra bits
            int distanceSymbol = distanceSymbol(runs.distance[r]);
            buffer |= (long) distanceCodes[distanceSymbol] << bits;
            bits += distanceLengths[distanceSymbol];
            if (bits >= 32) {
                putInt(bytes, position, (int) buffer);
                position += 4;
                buffer >>>= 32;
                bits -= 32;
            }
            at += run;
        }
        out.position = position;
        out.buffer = buffer;
        out.bits = bits;
    }

    private static void putInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) value;
        bytes[at + 1] = (byte) (value >>> 8);
        bytes[at + 2] = (byte) (value >>> 16);
        bytes[at + 3] = (byte) (value >>> 24);
    }

    /**
     * How far from {@code at} bytes repeat the bytes {@code distance} before them, at most {@value #MAX_RUN}:
     * eight bytes compared at a time, then the first that differs found from the bits of their difference.
     */
    private static int runLength(byte[] data, int at, int length, int distance) {
        int end = Math.min(length, at + MAX_RUN);
        int j = at;
        while (j + Long.BYTES <= end) {
            long difference = (long) LONGS.get(data, j) ^ (long) LONGS.get(data, j - distance);
            if (difference != 0) {
                return j + (Long.numberOfTrailingZeros(difference) >>> 3) - at;
            }
            j += Long.BYTES;
        }
        while (j < end && data[j] == data[j - distance]) {
            j++;
        }
        return j - at;
    }

    /** Distance codes 0 to 3 stand for distances 1 to 4. */
    private static int distanceSymbol(int distance) {
        return distance - 1;
    }

    /**
     * Huffman code lengths for {@code frequency}, none longer than {@code maxBits}: optimal lengths, then, if some
     * exceed the limit, the codes rebalanced the way miniz and stb do (overlong codes shortened, the Kraft sum
     * restored by lengthening the shortest codes that can give up room).
     */
    static byte[] codeLengths(int[] frequency, int maxBits) {
        int n = frequency.length;
        byte[] lengths = new byte[n];
        int used = 0;
        for (int f : frequency) {
            used += f > 0 ? 1 : 0;
        }
        if (used == 0) {
            return lengths;
        }
        if (used == 1) {
            // one symbol: give it a partner, since inflaters refuse an incomplete code-length code
            for (int s = 0; s < n; s++) {
                if (frequency[s] > 0) {
                    lengths[s] = 1;
                    lengths[s == 0 ? 1 : 0] = 1;
                }
            }
            return lengths;
        }
        // symbols by frequency, then by symbol: deterministic
        Integer[] order = new Integer[used];
        for (int s = 0, k = 0; s < n; s++) {
            if (frequency[s] > 0) {
                order[k++] = s;
            }
        }
        Arrays.sort(order, (a, b) -> frequency[a] != frequency[b] ? Integer.compare(frequency[a], frequency[b])
                : Integer.compare(a, b));
        // Huffman tree by the two-queue method over the sorted leaves
        long[] weight = new long[2 * used];
        int[] parent = new int[2 * used];
        for (int k = 0; k < used; k++) {
            weight[k] = frequency[order[k]];
        }
        int leaf = 0;
        int inner = used;
        int next = used;
        for (int made = 0; made < used - 1; made++) {
            int[] pick = new int[2];
            for (int p = 0; p < 2; p++) {
                if (leaf < used && (inner >= next || weight[leaf] <= weight[inner])) {
                    pick[p] = leaf++;
                } else {
                    pick[p] = inner++;
                }
            }
            weight[next] = weight[pick[0]] + weight[pick[1]];
            parent[pick[0]] = next;
            parent[pick[1]] = next;
            next++;
        }
        int root = next - 1;
        int[] depth = new int[2 * used];
        for (int node = root - 1; node >= 0; node--) {
            depth[node] = depth[parent[node]] + 1;
        }
        int[] countOfLength = new int[Math.max(maxBits, used) + 1];
        for (int k = 0; k < used; k++) {
            countOfLength[Math.min(depth[k], maxBits)]++;
        }
        long total = 0;
        for (int bits = 1; bits <= maxBits; bits++) {
            total += (long) countOfLength[bits] << (maxBits - bits);
        }
        while (total > 1L << maxBits) {
            countOfLength[maxBits]--;
            for (int bits = maxBits - 1; bits > 0; bits--) {
                if (countOfLength[bits] > 0) {
                    countOfLength[bits]--;
                    countOfLength[bits + 1] += 2;
                    break;
                }
            }
            total--;
        }
        // the least frequent symbols get the longest codes
        int k = 0;
        for (int bits = maxBits; bits >= 1; bits--) {
            for (int c = 0; c < countOfLength[bits]; c++) {
                lengths[order[k++]] = (byte) bits;
            }
        }
        return lengths;
    }

    /** Canonical codes for {@code lengths}, bit-reversed for deflate's least-significant-bit-first packing. */
    static int[] canonicalCodes(byte[] lengths) {
        int[] countOfLength = new int[MAX_CODE_BITS + 1];
        for (byte length : lengths) {
            countOfLength[length]++;
        }
        countOfLength[0] = 0;
        int[] nextCode = new int[MAX_CODE_BITS + 2];
        int code = 0;
        for (int bits = 1; bits <= MAX_CODE_BITS; bits++) {
            code = (code + countOfLength[bits - 1]) << 1;
            nextCode[bits] = code;
        }
        int[] codes = new int[lengths.length];
        for (int s = 0; s < lengths.length; s++) {
            int length = lengths[s];
            if (length > 0) {
                codes[s] = Integer.reverse(nextCode[length]++) >>> (32 - length);
            }
        }
        return codes;
    }

    /** HLIT, HDIST, HCLEN and both code-length sequences, run-length coded with symbols 16 to 18. */
    private static void writeCodeLengths(BitWriter out, byte[] literalLengths, byte[] distanceLengths) {
        int literals = LITERAL_LENGTH_CODES;
        while (literals > 257 && literalLengths[literals - 1] == 0) {
            literals--;
        }
        int distances = DISTANCE_CODES;
        while (distances > 1 && distanceLengths[distances - 1] == 0) {
            distances--;
        }
        byte[] all = new byte[literals + distances];
        System.arraycopy(literalLengths, 0, all, 0, literals);
        System.arraycopy(distanceLengths, 0, all, literals, distances);
        // symbols of the code-length alphabet, each with its extra-bit value: symbol | extra << 8
        int[] symbols = new int[all.length];
        int count = 0;
        int[] frequency = new int[19];
        for (int i = 0; i < all.length; ) {
            int length = all[i];
            int run = 1;
            while (i + run < all.length && all[i + run] == length) {
                run++;
            }
            i += run;
            if (length == 0) {
                while (run >= 11) {
                    int take = Math.min(run, 138);
                    symbols[count++] = 18 | (take - 11) << 8;
                    frequency[18]++;
                    run -= take;
                }
                if (run >= 3) {
                    symbols[count++] = 17 | (run - 3) << 8;
                    frequency[17]++;
                    run = 0;
                }
            } else {
                symbols[count++] = length;
                frequency[length]++;
                run--;
                while (run >= 3) {
                    int take = Math.min(run, 6);
                    symbols[count++] = 16 | (take - 3) << 8;
                    frequency[16]++;
                    run -= take;
                }
            }
            for (; run > 0; run--) {
                symbols[count++] = length;
                frequency[length]++;
            }
        }
        byte[] codeLengthLengths = codeLengths(frequency, MAX_CODE_LENGTH_BITS);
        int[] codeLengthCodes = canonicalCodes(codeLengthLengths);
        int stored = 19;
        while (stored > 4 && codeLengthLengths[CODE_LENGTH_ORDER[stored - 1]] == 0) {
            stored--;
        }
        out.write(literals - 257, 5);
        out.write(distances - 1, 5);
        out.write(stored - 4, 4);
        for (int i = 0; i < stored; i++) {
            out.write(codeLengthLengths[CODE_LENGTH_ORDER[i]], 3);
        }
        for (int i = 0; i < count; i++) {
            int symbol = symbols[i] & 0xFF;
            out.write(codeLengthCodes[symbol], codeLengthLengths[symbol]);
            int extra = symbols[i] >>> 8;
            if (symbol == 16) {
                out.write(extra, 2);
            } else if (symbol == 17) {
                out.write(extra, 3);
            } else if (symbol == 18) {
                out.write(extra, 7);
            }
        }
    }

    /** Packs bits least significant first, as deflate stores them, into a buffer sized for the worst case. */
    private static final class BitWriter {
        final byte[] bytes;
        int position;
        long buffer;
        int bits;

        BitWriter(int capacity) {
            bytes = new byte[capacity];
        }

        void write(int value, int count) {
            buffer |= (long) value << bits;
            bits += count;
            if (bits >= 32) {
                putInt(bytes, position, (int) buffer);
                position += 4;
                buffer >>>= 32;
                bits -= 32;
            }
        }

        void alignToByte() {
            bits = (bits + 7) & ~7;
            if (bits >= 32) {
                write(0, 0);
            }
        }

        byte[] toByteArray() {
            byte[] out = Arrays.copyOf(bytes, position + (bits + 7) / 8);
            for (int b = 0; b < (bits + 7) / 8; b++) {
                out[position + b] = (byte) (buffer >>> (8 * b));
            }
            return out;
        }
    }
}
