package dev.sticker.core.port;

import dev.sticker.core.request.StickerRequest;

/**
 * Told when a request has ended. {@link #completed} is called once per request, right after the one conditional
 * write that completed it (result, failure or cancellation), with the record as read back after that write.
 *
 * <p>If a listener throws, {@code Completion} still calls the others and then throws, so the job, callback or
 * dead letter that ended the request is delivered again. That replay finds the request already completed and calls
 * {@link #replayed}: a listener whose work can go missing checks there whether it is done and finishes it.
 */
public interface CompletionListener {

    /** The request just became COMPLETED. */
    void completed(StickerRequest request);

    /** A job, callback or dead letter arrived for a request that had already completed; must be idempotent. */
    default void replayed(StickerRequest request) {
    }
}
