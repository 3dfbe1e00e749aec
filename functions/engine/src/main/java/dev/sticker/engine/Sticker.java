package dev.sticker.engine;

/** The two encoded outputs of one render and what the caller must report about them. */
public record Sticker(
        byte[] stickerPng,
        byte[] backgroundRemovedPng,
        int width,
        int height,
        long seed,
        boolean stickerNsfw,
        boolean backgroundRemovedNsfw) {
}
