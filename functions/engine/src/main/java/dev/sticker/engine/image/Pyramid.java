package dev.sticker.engine.image;

import java.util.ArrayList;
import java.util.List;

/**
 * A photo and its successive halvings (2x2 averages), built on demand. Sampling through it reads the level whose
 * pixels are closest to, but not larger than, the output's: bilinear sampling then never skips photo pixels, so the
 * result does not depend on the photo's resolution (the same photo at twice the size gives the same samples, one
 * level up) and does not alias.
 */
public final class Pyramid {

    private final List<RgbImage> levels = new ArrayList<>();
    private final Parallelism parallelism;

    public Pyramid(RgbImage photo, Parallelism parallelism) {
        this.levels.add(photo);
        this.parallelism = parallelism;
    }

    public RgbImage photo() {
        return levels.get(0);
    }

    /**
     * {@link Sampler#sample} from the level suited to {@code toPhoto}'s scale; {@code inside} (optional) tells
     * where output pixels fall within the photo.
     */
    public RgbImage sample(Affine toPhoto, int outWidth, int outHeight, float[] inside) {
        double photoPerOutput = Math.sqrt(Math.abs(toPhoto.m00() * toPhoto.m11() - toPhoto.m01() * toPhoto.m10()));
        int level = 0;
        while (photoPerOutput >= 2 << level && Math.min(level(level).width(), level(level).height()) > 1) {
            level++;
        }
        double shrink = 1.0 / (1 << level);
        Affine toLevel = Affine.scaleTranslate(shrink, shrink, 0, 0).after(toPhoto);
        return Sampler.sample(level(level), toLevel, outWidth, outHeight, inside, parallelism);
    }

    private RgbImage level(int index) {
        while (levels.size() <= index) {
            levels.add(halve(levels.get(levels.size() - 1)));
        }
        return levels.get(index);
    }

    /** 2x2 averages, rounded; an odd last row or column is averaged with itself. */
    private RgbImage halve(RgbImage image) {
        int width = image.width();
        int height = image.height();
        int outWidth = (width + 1) / 2;
        int outHeight = (height + 1) / 2;
        int[] pixels = image.pixels();
        int[] out = new int[outWidth * outHeight];
        parallelism.forRows(outHeight, (from, to) -> {
            for (int oy = from; oy < to; oy++) {
                int top = 2 * oy * width;
                int bottom = Math.min(2 * oy + 1, height - 1) * width;
                for (int ox = 0; ox < outWidth; ox++) {
                    int left = 2 * ox;
                    int right = Math.min(left + 1, width - 1);
                    int a = pixels[top + left];
                    int b = pixels[top + right];
                    int c = pixels[bottom + left];
                    int d = pixels[bottom + right];
                    // red and blue in one sum, green in another: no channel overflows into the next
                    int redBlue = (a & 0xFF00FF) + (b & 0xFF00FF) + (c & 0xFF00FF) + (d & 0xFF00FF) + 0x020002;
                    int green = (a & 0x00FF00) + (b & 0x00FF00) + (c & 0x00FF00) + (d & 0x00FF00) + 0x000200;
                    out[oy * outWidth + ox] = (redBlue >> 2) & 0xFF00FF | (green >> 2) & 0x00FF00;
                }
            }
        });
        return new RgbImage(outWidth, outHeight, out);
    }
}
