package dev.sticker.engine.nn;

/**
 * Per-call working memory shared by the steps of one run: a general area, pixel-tile accumulators and tap rows for
 * the convolutions (separate arrays, each indexed from 0, so the JIT can vectorise loops over several of them), and
 * room to save the edge columns a whole-plane convolution tap must not touch.
 */
record Scratch(float[] area, float[][] tiles, float[][] tapRows, float[] edges) {

    static final int TILE = 512;
    static final int TILE_COUNT = 2;

    static Scratch of(int areaSize, int tapRows, int edgeSize) {
        return new Scratch(new float[areaSize], new float[TILE_COUNT][TILE], new float[tapRows][TILE],
                new float[edgeSize]);
    }
}
