package dev.sticker.core.service;

import dev.sticker.core.port.GeneratedSticker;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.ObjectKeys;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerResult;
import dev.sticker.core.request.StoredImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * How a request ends, shared by the worker, the remote-worker callback, cancellation and the dead-letter path:
 * results are stored, then one conditional write completes the request, so a second completion is a no-op.
 */
public final class Completion {

    private static final Logger LOG = LoggerFactory.getLogger(Completion.class);
    private static final String PNG = "image/png";

    private final RequestStore store;
    private final ObjectStore objects;
    private final Clock clock;

    public Completion(RequestStore store, ObjectStore objects, Clock clock) {
        this.store = store;
        this.objects = objects;
        this.clock = clock;
    }

    /** Stores both images and completes the request; false if it had already completed (e.g. was cancelled). */
    public boolean complete(String requestId, GeneratedSticker sticker) {
        if (isCompleted(requestId)) {
            LOG.info("result discarded, request already completed requestId={}", requestId);
            return false;
        }
        StoredImage main = store(ObjectKeys.sticker(requestId), "sticker.png", sticker.stickerPng(), sticker);
        StoredImage removed = store(ObjectKeys.stickerBackgroundRemoved(requestId),
                "sticker_background_removed.png", sticker.backgroundRemovedPng(), sticker);
        StickerResult result = new StickerResult(main, removed, sticker.seed(), sticker.stickerNsfw(),
                sticker.backgroundRemovedNsfw());
        boolean completed = store.complete(requestId, result, clock.instant());
        LOG.info("request completed requestId={} stored={}", requestId, completed);
        return completed;
    }

    /** Completes the request with an error; false if it had already completed. */
    public boolean fail(String requestId, Failure failure) {
        boolean failed = store.fail(requestId, failure, clock.instant());
        LOG.info("request failed requestId={} status={} reason={} stored={}", requestId, failure.httpStatus(),
                failure.message(), failed);
        return failed;
    }

    private boolean isCompleted(String requestId) {
        return store.find(requestId).map(r -> r.status() == Status.COMPLETED).orElse(true);
    }

    private StoredImage store(String key, String fileName, byte[] png, GeneratedSticker sticker) {
        objects.put(key, png, PNG);
        return new StoredImage(key, PNG, fileName, png.length, sticker.width(), sticker.height());
    }
}
