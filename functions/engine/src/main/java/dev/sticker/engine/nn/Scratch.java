package dev.sticker.engine.nn;

/**
 * Per-call working memory shared by the steps of one run: a general area, separate pixel-tile accumulators for
 * 1x1 convolutions (distinct arrays so the JIT can vectorise updates to all of them in one loop), and room to save
 * the edge columns a whole-plane convolution tap must not touch.
 */
record Scratch(float[] area, float[][] tiles, float[] edges) {

    static final int TILE = 512;
    static final int TILE_COUNT = 4;

    static Scratch of(int areaSize, int edgeSize) {
        float[][] tiles = new float[TILE_COUNT][TILE];
        return new Scratch(new float[areaSize], tiles, new float[edgeSize]);
    }
}
