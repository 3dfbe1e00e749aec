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
     * Adds one kernel tap of a strided convolution to an output plane {@code out} (indexed from 0): for every output
     * position whose input position lies inside the input,
     * {@code out[oy][ox] += w * in[oy * strideY + tapY][ox * strideX + tapX]}, where tapY and tapX already include
     * the kernel offset minus the leading padding, along the phase-split input rows.
     */
    static void addTap(float w, float[] in, int inPlane, Window rows, Window cols, Phases phases, int tapY, int tapX,
            float[] out) {
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
        int n = xTo - xFrom;
        int phaseStart = phases.offset()[q] + shift + xFrom;
        for (int oy = yFrom; oy < yTo; oy++) {
            int iy = oy * sy + tapY;
            axpy(w, in, inPlane + iy * inW + phaseStart, out, oy * outW + xFrom, n);
        }
    }

    static void fill(float[] values, int from, int to, float value) {
        Arrays.fill(values, from, to, value);
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
