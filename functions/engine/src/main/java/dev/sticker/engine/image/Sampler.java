package dev.sticker.engine.image;

/** Bilinear resampling of images and float planes through an affine map from output to source coordinates. */
public final class Sampler {

    private Sampler() {
    }

    /**
     * Renders {@code outWidth x outHeight} pixels whose centres map through {@code toSource} into {@code source};
     * outside the source the nearest edge pixel is repeated. If {@code inside} is given, it receives 1 where the
     * pixel centre falls within the source and 0 elsewhere.
     */
    public static RgbImage sample(RgbImage source, Affine toSource, int outWidth, int outHeight, float[] inside,
                                  Parallelism parallelism) {
        int[] out = new int[outWidth * outHeight];
        int w = source.width();
        int h = source.height();
        int[] src = source.pixels();
        parallelism.forRows(outHeight, (from, to) -> {
            for (int y = from; y < to; y++) {
                double cy = y + 0.5;
                for (int x = 0; x < outWidth; x++) {
                    double cx = x + 0.5;
                    double sx = toSource.x(cx, cy) - 0.5;
                    double sy = toSource.y(cx, cy) - 0.5;
                    int i = y * outWidth + x;
                    if (inside != null) {
                        inside[i] = sx >= -0.5 && sy >= -0.5 && sx <= w - 0.5 && sy <= h - 0.5 ? 1f : 0f;
                    }
                    out[i] = bilinear(src, w, h, sx, sy);
                }
            }
        });
        return new RgbImage(outWidth, outHeight, out);
    }

    /** Same as {@link #sample} for a single-channel plane, with 0 outside the source. */
    public static float[] sample(float[] plane, int width, int height, Affine toSource, int outWidth, int outHeight,
                                 Parallelism parallelism) {
        float[] out = new float[outWidth * outHeight];
        parallelism.forRows(outHeight, (from, to) -> {
            for (int y = from; y < to; y++) {
                double cy = y + 0.5;
                for (int x = 0; x < outWidth; x++) {
                    double cx = x + 0.5;
                    out[y * outWidth + x] = bilinear(plane, width, height,
                            toSource.x(cx, cy) - 0.5, toSource.y(cx, cy) - 0.5);
                }
            }
        });
        return out;
    }

    /** Resizes a plane to {@code outWidth x outHeight} (pixel-centre aligned), repeating edge values. */
    public static float[] resize(float[] plane, int width, int height, int outWidth, int outHeight,
                                 Parallelism parallelism) {
        float[] out = new float[outWidth * outHeight];
        double scaleX = (double) width / outWidth;
        double scaleY = (double) height / outHeight;
        parallelism.forRows(outHeight, (from, to) -> {
            for (int y = from; y < to; y++) {
                double sy = Math.min(Math.max((y + 0.5) * scaleY - 0.5, 0), height - 1);
                int y0 = (int) sy;
                int y1 = Math.min(y0 + 1, height - 1);
                float ay = (float) (sy - y0);
                for (int x = 0; x < outWidth; x++) {
                    double sx = Math.min(Math.max((x + 0.5) * scaleX - 0.5, 0), width - 1);
                    int x0 = (int) sx;
                    int x1 = Math.min(x0 + 1, width - 1);
                    float ax = (float) (sx - x0);
                    float top = plane[y0 * width + x0] * (1 - ax) + plane[y0 * width + x1] * ax;
                    float bottom = plane[y1 * width + x0] * (1 - ax) + plane[y1 * width + x1] * ax;
                    out[y * outWidth + x] = top * (1 - ay) + bottom * ay;
                }
            }
        });
        return out;
    }

    /** Averages {@code factor x factor} blocks (the last partial block averages what it has). */
    public static float[] shrink(float[] plane, int width, int height, int factor) {
        int outWidth = (width + factor - 1) / factor;
        int outHeight = (height + factor - 1) / factor;
        float[] sum = new float[outWidth * outHeight];
        int[] count = new int[outWidth * outHeight];
        for (int y = 0; y < height; y++) {
            int row = (y / factor) * outWidth;
            for (int x = 0; x < width; x++) {
                sum[row + x / factor] += plane[y * width + x];
                count[row + x / factor]++;
            }
        }
        for (int i = 0; i < sum.length; i++) {
            sum[i] /= count[i];
        }
        return sum;
    }

    private static int bilinear(int[] src, int w, int h, double sx, double sy) {
        double fx = Math.floor(sx);
        double fy = Math.floor(sy);
        double ax = sx - fx;
        double ay = sy - fy;
        int x0 = clamp((int) fx, w);
        int y0 = clamp((int) fy, h);
        int x1 = clamp((int) fx + 1, w);
        int y1 = clamp((int) fy + 1, h);
        int p00 = src[y0 * w + x0];
        int p10 = src[y0 * w + x1];
        int p01 = src[y1 * w + x0];
        int p11 = src[y1 * w + x1];
        double w00 = (1 - ax) * (1 - ay);
        double w10 = ax * (1 - ay);
        double w01 = (1 - ax) * ay;
        double w11 = ax * ay;
        int r = (int) (((p00 >> 16) & 255) * w00 + ((p10 >> 16) & 255) * w10 + ((p01 >> 16) & 255) * w01
                + ((p11 >> 16) & 255) * w11 + 0.5);
        int g = (int) (((p00 >> 8) & 255) * w00 + ((p10 >> 8) & 255) * w10 + ((p01 >> 8) & 255) * w01
                + ((p11 >> 8) & 255) * w11 + 0.5);
        int b = (int) ((p00 & 255) * w00 + (p10 & 255) * w10 + (p01 & 255) * w01 + (p11 & 255) * w11 + 0.5);
        return r << 16 | g << 8 | b;
    }

    private static float bilinear(float[] plane, int w, int h, double sx, double sy) {
        double fx = Math.floor(sx);
        double fy = Math.floor(sy);
        double ax = sx - fx;
        double ay = sy - fy;
        int ix = (int) fx;
        int iy = (int) fy;
        return (float) ((1 - ay) * ((1 - ax) * at(plane, w, h, ix, iy) + ax * at(plane, w, h, ix + 1, iy))
                + ay * ((1 - ax) * at(plane, w, h, ix, iy + 1) + ax * at(plane, w, h, ix + 1, iy + 1)));
    }

    private static float at(float[] plane, int w, int h, int x, int y) {
        return x < 0 || y < 0 || x >= w || y >= h ? 0f : plane[y * w + x];
    }

    private static int clamp(int v, int size) {
        return v < 0 ? 0 : Math.min(v, size - 1);
    }
}
