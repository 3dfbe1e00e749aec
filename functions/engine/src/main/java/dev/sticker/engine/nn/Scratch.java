package dev.sticker.engine.nn;

/**
 * Per-call working memory shared by the steps of one run: a general area, and pixel-tile accumulators, tap rows and
 * planes for the convolutions (separate arrays, each indexed alike, so the JIT can vectorise loops over several of
 * them).
 */
record Scratch(float[] area, float[][] tiles, float[][] tapRows, float[][] planes) {

    static final int TILE = 512;
    static final int TILE_COUNT = 2;
    static final int PLANE_COUNT = 3;

    static Scratch of(int areaSize, int tapRows, int planeSize) {
        return new Scratch(new float[areaSize], new float[TILE_COUNT][TILE], new float[tapRows][TILE],
                new float[PLANE_COUNT][planeSize]);
    }
}
