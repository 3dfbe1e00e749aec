package dev.sticker.engine.nn;

/**
 * Per-call working memory shared by the steps of one run: a general area, pixel-tile accumulators and tap rows for
 * the convolutions, planes for the depthwise convolutions (separate arrays, each indexed alike, so the JIT can
 * vectorise loops over several of them), and room to save the edge columns a whole-plane convolution tap must not
 * touch.
 */
record Scratch(float[] area, float[][] tiles, float[][] tapRows, float[][] planes, float[] edges) {

    static final int TILE = 512;
    static final int TILE_COUNT = 2;
    static final int PLANE_COUNT = 4;

    static Scratch of(int areaSize, int tapRows, int planeSize, int edgeSize) {
        return new Scratch(new float[areaSize], new float[TILE_COUNT][TILE], new float[tapRows][TILE],
                new float[PLANE_COUNT][planeSize], new float[edgeSize]);
    }
}
