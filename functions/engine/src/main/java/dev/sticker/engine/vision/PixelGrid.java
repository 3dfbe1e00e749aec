package dev.sticker.engine.vision;

import dev.sticker.engine.image.RgbImage;
import java.util.Arrays;

/**
 * An RGB image as floats 0..255, interleaved, row-major: the working copy the detectors read, averaged down from
 * the decoded photo.
 */
record PixelGrid(int width, int height, float[] rgb) {

    /**
     * Source samples averaged per bin and axis, at most. A bin of a large photo averages an evenly spaced grid of
     * this many samples squared instead of every pixel: plenty against aliasing, and a 40 MP photo is read in a
     * fraction of the time.
     */
    private static final int SAMPLES_PER_BIN = 2;

    /** The image averaged down so that its longer side is at most {@code maxSide} (never enlarged). */
    static PixelGrid fromImage(RgbImage image, int maxSide) {
        int[] pixels = image.pixels();
        int sourceWidth = image.width();
        int sourceHeight = image.height();
        if (Math.max(sourceWidth, sourceHeight) <= maxSide) {
            // nothing to average: each bin is one pixel
            float[] rgb = new float[pixels.length * 3];
            for (int i = 0; i < pixels.length; i++) {
                int p = pixels[i];
                rgb[3 * i] = (p >> 16) & 0xff;
                rgb[3 * i + 1] = (p >> 8) & 0xff;
                rgb[3 * i + 2] = p & 0xff;
            }
            return new PixelGrid(sourceWidth, sourceHeight, rgb);
        }
        double scale = Math.min(1.0, (double) maxSide / Math.max(sourceWidth, sourceHeight));
        int width = Math.max(1, (int) Math.round(sourceWidth * scale));
        int height = Math.max(1, (int) Math.round(sourceHeight * scale));
        int rowStep = Math.max(1, sourceHeight / (height * SAMPLES_PER_BIN));
        int columnStep = Math.max(1, sourceWidth / (width * SAMPLES_PER_BIN));
        int samples = (sourceWidth + columnStep - 1) / columnStep;
        int[] columnBin = new int[samples];
        for (int i = 0; i < samples; i++) {
            columnBin[i] = (int) ((long) i * columnStep * width / sourceWidth);
        }
        float[] rgb = new float[width * height * 3];
        // integer sums are exact and cannot overflow below 8 million pixels per bin (100 MP into 256 px: 1,600)
        int[] sums = new int[width * 3];
        int[] counts = new int[width];
        int[] row = new int[samples];
        int currentBin = 0;
        for (int y = 0; y < sourceHeight; y += rowStep) {
            int bin = (int) ((long) y * height / sourceHeight);
            if (bin != currentBin) {
                flush(sums, counts, rgb, currentBin, width);
                currentBin = bin;
            }
            for (int i = 0, x = 0; x < sourceWidth; i++, x += columnStep) {
                row[i] = pixels[y * sourceWidth + x];
            }
            for (int x = 0; x < samples; x++) {
                int pixel = row[x];
                int b = columnBin[x] * 3;
                sums[b] += (pixel >> 16) & 0xff;
                sums[b + 1] += (pixel >> 8) & 0xff;
                sums[b + 2] += pixel & 0xff;
            }
            for (int x = 0; x < samples; x++) {
                counts[columnBin[x]]++;
            }
        }
        flush(sums, counts, rgb, currentBin, width);
        return new PixelGrid(width, height, rgb);
    }

    private static void flush(int[] sums, int[] counts, float[] rgb, int binRow, int width) {
        int o = binRow * width * 3;
        for (int b = 0; b < width; b++) {
            float count = Math.max(1, counts[b]);
            rgb[o + b * 3] = sums[b * 3] / count;
            rgb[o + b * 3 + 1] = sums[b * 3 + 1] / count;
            rgb[o + b * 3 + 2] = sums[b * 3 + 2] / count;
            counts[b] = 0;
        }
        Arrays.fill(sums, 0);
    }

    /** Bilinear-weighted resampling to any size, widening the filter when shrinking so every source pixel counts. */
    PixelGrid resized(int newWidth, int newHeight) {
        Taps columns = Taps.of(width, newWidth);
        Taps rows = Taps.of(height, newHeight);
        float[] horizontal = new float[height * newWidth * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < newWidth; x++) {
                float r = 0;
                float g = 0;
                float b = 0;
                for (int k = columns.start[x]; k < columns.start[x + 1]; k++) {
                    int i = (y * width + columns.index[k]) * 3;
                    float w = columns.weight[k];
                    r += w * rgb[i];
                    g += w * rgb[i + 1];
                    b += w * rgb[i + 2];
                }
                int o = (y * newWidth + x) * 3;
                horizontal[o] = r;
                horizontal[o + 1] = g;
                horizontal[o + 2] = b;
            }
        }
        float[] out = new float[newWidth * newHeight * 3];
        int stride = newWidth * 3;
        for (int y = 0; y < newHeight; y++) {
            int o = y * stride;
            for (int k = rows.start[y]; k < rows.start[y + 1]; k++) {
                int i = rows.index[k] * stride;
                float w = rows.weight[k];
                for (int c = 0; c < stride; c++) {
                    out[o + c] += w * horizontal[i + c];
                }
            }
        }
        return new PixelGrid(newWidth, newHeight, out);
    }

    /**
     * A {@code side} x {@code side} window of the image resampled with {@code sourcePerPixel} image pixels per
     * window pixel, its top-left corner at image position ({@code left}, {@code top}); where the window leaves the
     * image it is mid-grey, the padding BlazeFace sees around a letterboxed input.
     */
    static PixelGrid window(RgbImage image, double left, double top, double sourcePerPixel, int side) {
        Taps columns = Taps.window(image.width(), sourcePerPixel, left, side);
        Taps rows = Taps.window(image.height(), sourcePerPixel, top, side);
        int firstRow = image.height();
        int lastRow = -1;
        for (int k = 0; k < rows.start[side]; k++) {
            firstRow = Math.min(firstRow, rows.index[k]);
            lastRow = Math.max(lastRow, rows.index[k]);
        }
        float[] out = new float[side * side * 3];
        Arrays.fill(out, 127.5f);
        if (lastRow < 0 || columns.start[side] == 0) {
            return new PixelGrid(side, side, out);
        }
        int stride = side * 3;
        float[] horizontal = new float[(lastRow - firstRow + 1) * stride];
        int[] pixels = image.pixels();
        int width = image.width();
        for (int y = firstRow; y <= lastRow; y++) {
            int row = y * width;
            int o = (y - firstRow) * stride;
            for (int x = 0; x < side; x++, o += 3) {
                float r = 0;
                float g = 0;
                float b = 0;
                for (int k = columns.start[x]; k < columns.start[x + 1]; k++) {
                    int p = pixels[row + columns.index[k]];
                    float w = columns.weight[k];
                    r += w * ((p >> 16) & 255);
                    g += w * ((p >> 8) & 255);
                    b += w * (p & 255);
                }
                horizontal[o] = r;
                horizontal[o + 1] = g;
                horizontal[o + 2] = b;
            }
        }
        // the window meets the image in one run of columns
        int xFrom = 0;
        while (columns.isEmpty(xFrom)) {
            xFrom++;
        }
        int xTo = side;
        while (columns.isEmpty(xTo - 1)) {
            xTo--;
        }
        for (int y = 0; y < side; y++) {
            if (rows.isEmpty(y)) {
                continue;
            }
            int o = y * stride;
            Arrays.fill(out, o + 3 * xFrom, o + 3 * xTo, 0f);
            for (int k = rows.start[y]; k < rows.start[y + 1]; k++) {
                int i = (rows.index[k] - firstRow) * stride;
                float w = rows.weight[k];
                for (int c = 3 * xFrom; c < 3 * xTo; c++) {
                    out[o + c] += w * horizontal[i + c];
                }
            }
        }
        return new PixelGrid(side, side, out);
    }

    /** Luma (ITU-R BT.601, as OpenCV's RGB2GRAY) per pixel. */
    float[] gray() {
        float[] gray = new float[width * height];
        for (int i = 0; i < gray.length; i++) {
            gray[i] = 0.299f * rgb[i * 3] + 0.587f * rgb[i * 3 + 1] + 0.114f * rgb[i * 3 + 2];
        }
        return gray;
    }

    /** Per output position, the source positions and normalised weights of a triangle filter. */
    record Taps(int[] start, int[] index, float[] weight) {

        static Taps of(int sourceSize, int targetSize) {
            return build(sourceSize, (double) sourceSize / targetSize, 0, targetSize, true);
        }

        /**
         * {@code count} positions {@code sourcePerTarget} source pixels apart, the first centred at
         * {@code offset + sourcePerTarget / 2}; positions wholly outside the source get no taps.
         */
        static Taps window(int sourceSize, double sourcePerTarget, double offset, int count) {
            return build(sourceSize, sourcePerTarget, offset, count, false);
        }

        boolean isEmpty(int position) {
            return start[position] == start[position + 1];
        }

        private static Taps build(int sourceSize, double scale, double offset, int targetSize, boolean clamp) {
            double support = Math.max(1.0, scale);
            int maxTaps = (int) Math.ceil(2 * support) + 2;
            int[] start = new int[targetSize + 1];
            int[] index = new int[targetSize * maxTaps];
            float[] weight = new float[targetSize * maxTaps];
            int k = 0;
            for (int o = 0; o < targetSize; o++) {
                double center = offset + (o + 0.5) * scale;
                int from = Math.max(0, (int) Math.floor(center - support));
                int to = Math.min(sourceSize - 1, (int) Math.ceil(center + support));
                double total = 0;
                int first = k;
                for (int s = from; s <= to; s++) {
                    double w = 1 - Math.abs((s + 0.5 - center) / support);
                    if (w > 0) {
                        index[k] = s;
                        weight[k++] = (float) w;
                        total += w;
                    }
                }
                if (total == 0 && clamp) {
                    index[k] = Math.min(sourceSize - 1, Math.max(0, (int) center));
                    weight[k++] = 1f;
                    total = 1;
                }
                for (int i = first; i < k; i++) {
                    weight[i] = (float) (weight[i] / total);
                }
                start[o + 1] = k;
            }
            return new Taps(start, index, weight);
        }
    }
}
