package dev.sticker.core.port;

/**
 * A finished generation before it is stored: two PNGs of the same size, the seed used and the safety flags.
 */
public record GeneratedSticker(byte[] stickerPng, byte[] backgroundRemovedPng, int width, int height, long seed,
                               boolean stickerNsfw, boolean backgroundRemovedNsfw) {
}
