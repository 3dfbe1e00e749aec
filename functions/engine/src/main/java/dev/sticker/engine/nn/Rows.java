package dev.sticker.engine.nn;

import java.util.Arrays;

/**
 * Row kernels shared by the convolutions, plus the column "phase split" that turns a strided convolution into
 * contiguous row operations: with stride s, row {@code x} is regrouped as all columns {@code x % s == 0}, then
 * {@code x % s == 1}, and so on, so input column {@code s * i + q} is element {@code i} of phase {@code q}.
 */
final class Rows {

    private Rows() {
    }

    /** y[yOff + i] += a * x[xOff + i] for i in [0, n). */
    static void axpy(float a, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    /** Where each column phase starts within a split row and how wide it is. */
    record Phases(int stride, int[] offset, int[] width) {

        static Phases of(int rowWidth, int stride) {
            int[] offset = new int[stride];
            int[] width = new int[stride];
            int start = 0;
            for (int q = 0; q < stride; q++) {
                offset[q] = start;
                width[q] = Math.max(0, (rowWidth - q + stride - 1) / stride);
                start += width[q];
            }
            return new Phases(stride, offset, width);
        }

        /** Splits every row of {@code rows} rows of {@code rowWidth} floats from {@code in} into {@code out}. */
        void split(float[] in, float[] out, int rows, int rowWidth) {
            if (stride == 1) {
                System.arraycopy(in, 0, out, 0, rows * rowWidth);
                return;
            }
            for (int r = 0; r < rows; r++) {
                int base = r * rowWidth;
                for (int q = 0; q < stride; q++) {
                    int o = base + offset[q];
                    for (int i = 0, x = q; i < width[q]; i++, x += stride) {
                        out[o + i] = in[base + x];
                    }
                }
            }
        }
    }

    /**
     * Adds one kernel tap to an output plane {@code out} (indexed from 0): for every output position whose input
     * position lies inside the input, {@code out[oy][ox] += w * in[oy * strideY + tapY][ox * strideX + tapX]},
     * where tapY and tapX already include the kernel offset minus the leading padding. {@code aligned} is scratch of
     * the plane's size.
     */
    static void addTap(float w, float[] in, int inPlane, Window rows, Window cols, Phases phases, int tapY, int tapX,
            float[] out, float[] aligned, float[] edges) {
        int inH = rows.inputSize();
        int inW = cols.inputSize();
        int outH = rows.outputSize();
        int outW = cols.outputSize();
        int sy = rows.stride();
        int q = Math.floorMod(tapX, phases.stride());
        int shift = Math.floorDiv(tapX, phases.stride());
        int xFrom = Math.max(0, -shift);
        int xTo = Math.min(outW, phases.width()[q] - shift);
        int yFrom = Math.max(0, ceilDiv(-tapY, sy));
        int yTo = Math.min(outH, Math.floorDiv(inH - 1 - tapY, sy) + 1);
        if (xFrom >= xTo || yFrom >= yTo) {
            return;
        }
        if (sy == 1 && phases.stride() == 1 && inW == outW) {
            addTapToPlane(w, in, inPlane + tapY * inW + tapX, out, aligned, outW, xFrom, xTo, yFrom, yTo, edges);
            return;
        }
        int n = xTo - xFrom;
        int phaseStart = phases.offset()[q] + shift + xFrom;
        for (int oy = yFrom; oy < yTo; oy++) {
            int iy = oy * sy + tapY;
            axpy(w, in, inPlane + iy * inW + phaseStart, out, oy * outW + xFrom, n);
        }
    }

    /**
     * The unstrided case as one long update over all valid rows, treating the plane as a single row: output and
     * input rows have the same width, so input = output index + a constant. The positions this wraps onto (columns
     * outside [xFrom, xTo) between the first and last valid row) are saved before and restored after.
     */
    private static void addTapToPlane(float w, float[] in, int inOffset, float[] out, float[] aligned, int width,
            int xFrom, int xTo, int yFrom, int yTo, float[] edges) {
        int saved = 0;
        for (int oy = yFrom; oy < yTo; oy++) {
            int row = oy * width;
            int leftEnd = oy == yFrom ? 0 : xFrom;
            int rightStart = oy == yTo - 1 ? width : xTo;
            for (int x = 0; x < leftEnd; x++) {
                edges[saved++] = out[row + x];
            }
            for (int x = rightStart; x < width; x++) {
                edges[saved++] = out[row + x];
            }
        }
        int start = yFrom * width + xFrom;
        int end = (yTo - 1) * width + xTo;
        // the input copied to the positions it is added to: both arrays indexed alike, which C2 vectorises
        System.arraycopy(in, inOffset + start, aligned, start, end - start);
        for (int p = start; p < end; p++) {
            out[p] += w * aligned[p];
        }
        saved = 0;
        for (int oy = yFrom; oy < yTo; oy++) {
            int row = oy * width;
            int leftEnd = oy == yFrom ? 0 : xFrom;
            int rightStart = oy == yTo - 1 ? width : xTo;
            for (int x = 0; x < leftEnd; x++) {
                out[row + x] = edges[saved++];
            }
            for (int x = rightStart; x < width; x++) {
                out[row + x] = edges[saved++];
            }
        }
    }

    /** Edge floats {@link #addTapToPlane} may save for a convolution with these windows. */
    static int edgeSize(Window rows, Window cols) {
        return rows.outputSize() * cols.outputSize();
    }

    static void fill(float[] values, int from, int to, float value) {
        Arrays.fill(values, from, to, value);
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
