package dev.sticker.engine.safety;

/**
 * A crude exposure check: the fraction of skin-coloured pixels (the Chai-Ngan YCbCr box, Cb 77..127 and
 * Cr 133..173) among the subject's pixels below the face. A clothed person scores low; bare shoulders and torso
 * score high. It knows nothing about content, and clothing or backgrounds in skin tones raise the score.
 */
public final class SkinExposure {

    /** Share of skin-coloured body pixels at or above which the image is flagged. */
    public static final double FLAG_AT = 0.45;
    /** Below this many body pixels (relative to the face area) there is too little body to judge. */
    private static final double MIN_BODY_TO_FACE = 0.5;

    private SkinExposure() {
    }

    /** The verdict and the measured share, for logging. */
    public record Verdict(boolean flagged, double skinShare, int bodyPixels) {
    }

    /**
     * Judges the photo pixels {@code rgb} within {@code subject} (non-zero = subject) on rows from {@code bodyTop}
     * down; {@code faceArea} is the face's size in the same pixels.
     */
    public static Verdict judge(int[] rgb, byte[] subject, int width, int height, int bodyTop, double faceArea) {
        int skin = 0;
        int body = 0;
        for (int y = Math.max(0, bodyTop); y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (subject[i] == 0) {
                    continue;
                }
                body++;
                if (isSkin(rgb[i])) {
                    skin++;
                }
            }
        }
        if (body < MIN_BODY_TO_FACE * faceArea || body == 0) {
            return new Verdict(false, 0, body);
        }
        double share = (double) skin / body;
        return new Verdict(share >= FLAG_AT, share, body);
    }

    static boolean isSkin(int rgb) {
        int r = (rgb >> 16) & 255;
        int g = (rgb >> 8) & 255;
        int b = rgb & 255;
        // Cb and Cr times a million: the coefficients have six decimals, so integers hold them exactly
        int cb = 128_000_000 - 168_736 * r - 331_264 * g + 500_000 * b;
        int cr = 128_000_000 + 500_000 * r - 418_688 * g - 81_312 * b;
        return cb >= 77_000_000 && cb <= 127_000_000 && cr >= 133_000_000 && cr <= 173_000_000;
    }
}
