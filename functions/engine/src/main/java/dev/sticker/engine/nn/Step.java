package dev.sticker.engine.nn;

/**
 * One compiled operation. {@code tensors} is indexed by tensor id; several ids may share one array when their
 * lifetimes do not overlap, so a step reads and writes only its own logical extent, never {@code array.length}.
 */
sealed interface Step permits Conv2d, DepthwiseConv2d, TransposedConv2d, Pool2d, ResizeBilinear, Binary, Unary, AddN,
        Pad, Copy {

    void run(float[][] tensors);
}
