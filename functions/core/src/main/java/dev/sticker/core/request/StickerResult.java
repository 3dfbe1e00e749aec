package dev.sticker.core.request;

/**
 * A successful generation: both images, the seed used, the safety flags keyed by image type, and the backend that
 * made it (named in the request's logs and its usage record).
 */
public record StickerResult(StoredImage sticker, StoredImage backgroundRemoved, long seed,
                            boolean stickerNsfw, boolean backgroundRemovedNsfw, String backend) {
}
