package dev.sticker.core.request;

/** A successful generation: both images, the seed used and the safety flags keyed by image type. */
public record StickerResult(StoredImage sticker, StoredImage backgroundRemoved, long seed,
                            boolean stickerNsfw, boolean backgroundRemovedNsfw) {
}
