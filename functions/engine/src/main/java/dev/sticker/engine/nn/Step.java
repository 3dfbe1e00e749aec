package dev.sticker.engine.nn;

/**
 * One compiled operation. {@code tensors} is indexed by tensor id; several ids may share one array when their
 * lifetimes do not overlap, so a step reads and writes only its own logical extent, never {@code array.length}.
 *
 * <p>Layout: rank-4 [1, H, W, C] tensors are stored planar, channel by channel ({@code (c * H + y) * W + x}), so the
 * hot loops run along long contiguous rows that the JIT vectorises; every other rank is stored row-major.
 */
sealed interface Step permits Conv2d, DepthwiseConv2d, TransposedConv2d, Pool2d, ResizeBilinear, Binary, Unary, AddN,
        Pad, Relayout {

    void run(float[][] tensors, Scratch scratch);

    /** Floats of {@link Scratch#area()} this step needs. */
    default int scratchSize() {
        return 0;
    }

    /** Rows of {@link Scratch#tapRows()} this step needs. */
    default int tapRows() {
        return 0;
    }

    /** Floats of each of the {@link Scratch#planes()} this step needs. */
    default int planeSize() {
        return 0;
    }
}
