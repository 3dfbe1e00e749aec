package dev.sticker.engine;

/**
 * The built-in CPU sticker engine. Load once (models are read and verified then), share across threads.
 */
public final class StickerEngine {

    private StickerEngine() {
    }

    public static StickerEngine load() {
        return new StickerEngine();
    }

    public RenderOutcome render(byte[] photo, StickerParams params, Progress progress) {
        throw new UnsupportedOperationException("the engine pipeline is being written");
    }
}
