package dev.sticker.engine.style;

import java.util.SplittableRandom;

/**
 * The seed-dependent part of a sticker's look: a small hue turn, where band boundaries fall, tints for shadows and
 * highlights, the ink colour, the background, and the jitter field. Derived only from the seed, so the same seed
 * always gives the same palette.
 */
public record Palette(
        long seed,
        double hueTurn,
        double bandPhase,
        float[] shadowTint,
        float[] highlightTint,
        int inkColor,
        int background,
        double borderScale,
        double shadowAngle,
        float[] jitterField) {

    public static final int JITTER_GRID = 6;

    public static Palette fromSeed(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double hueTurn = random.nextDouble(-0.12, 0.12);
        double bandPhase = random.nextDouble();
        float[] shadowTint = {(float) random.nextDouble(-1, 0.3), (float) random.nextDouble(-0.6, 0.2),
                (float) random.nextDouble(0.2, 1)};
        float[] highlightTint = {(float) random.nextDouble(0.2, 1), (float) random.nextDouble(0, 0.7),
                (float) random.nextDouble(-0.6, 0.2)};
        int inkHue = random.nextInt(3);
        int inkColor = switch (inkHue) {
            case 0 -> 0x1B1B24;
            case 1 -> 0x241A17;
            default -> 0x141E26;
        };
        int background = lightColor(random);
        double borderScale = random.nextDouble(0.9, 1.1);
        double shadowAngle = random.nextDouble(Math.PI * 0.3, Math.PI * 0.45);
        float[] jitterField = new float[JITTER_GRID * JITTER_GRID * 3];
        for (int i = 0; i < jitterField.length; i++) {
            jitterField[i] = (float) random.nextDouble(-1, 1);
        }
        return new Palette(seed, hueTurn, bandPhase, shadowTint, highlightTint, inkColor, background, borderScale,
                shadowAngle, jitterField);
    }

    /** A near-white background with a faint seeded tint. */
    private static int lightColor(SplittableRandom random) {
        int r = 236 + random.nextInt(16);
        int g = 236 + random.nextInt(16);
        int b = 236 + random.nextInt(16);
        return r << 16 | g << 8 | b;
    }
}
