package dev.sticker.core.service;

import dev.sticker.core.port.CompletionListener;
import dev.sticker.core.port.GeneratedSticker;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.ObjectKeys;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.StickerResult;
import dev.sticker.core.request.StoredImage;
import dev.sticker.core.request.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * How a request ends, shared by the worker, the remote-worker callback, cancellation and the dead-letter path:
 * results are stored, then one conditional write completes the request, so a second completion is a no-op. The
 * {@link CompletionListener}s hear of the completion that won; a completion that lost replays them instead.
 */
public final class Completion {

    private static final Logger LOG = LoggerFactory.getLogger(Completion.class);
    private static final String PNG = "image/png";

    private final RequestStore store;
    private final ObjectStore objects;
    private final List<CompletionListener> listeners;
    private final Clock clock;

    public Completion(RequestStore store, ObjectStore objects, List<CompletionListener> listeners, Clock clock) {
        this.store = store;
        this.objects = objects;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /**
     * Stores both images and completes the request with them, as made by {@code backend}; false if it had already
     * completed (e.g. was cancelled).
     */
    public boolean complete(String requestId, GeneratedSticker sticker, String backend) {
        Optional<StickerRequest> current = store.find(requestId);
        if (!current.map(Transition.COMPLETE::allows).orElse(false)) {
            LOG.info("result discarded, request already completed requestId={}", requestId);
            current.ifPresent(this::replayed);
            return false;
        }
        StoredImage main = store(ObjectKeys.sticker(requestId), "sticker.png", sticker.stickerPng(), sticker);
        StoredImage removed = store(ObjectKeys.stickerBackgroundRemoved(requestId),
                "sticker_background_removed.png", sticker.backgroundRemovedPng(), sticker);
        StickerResult result = new StickerResult(main, removed, sticker.seed(), sticker.stickerNsfw(),
                sticker.backgroundRemovedNsfw(), backend);
        boolean completed = store.complete(requestId, result, clock.instant());
        LOG.info("request completed requestId={} stored={}", requestId, completed);
        announce(requestId, completed);
        return completed;
    }

    /** Completes the request with an error; false if it had already completed. */
    public boolean fail(String requestId, Failure failure) {
        boolean failed = store.fail(requestId, failure, clock.instant());
        LOG.info("request failed requestId={} status={} reason={} stored={}", requestId, failure.httpStatus(),
                failure.message(), failed);
        announce(requestId, failed);
        return failed;
    }

    /**
     * Ends a request nothing will finish with an error, unless a worker took it since {@code attemptsSeen} was read;
     * false if it had completed or was taken.
     */
    public boolean abandon(String requestId, int attemptsSeen, Failure failure) {
        boolean abandoned = store.abandon(requestId, attemptsSeen, failure, clock.instant());
        LOG.info("request abandoned requestId={} reason={} stored={}", requestId, failure.message(), abandoned);
        if (abandoned) {
            announce(requestId, true);
        }
        return abandoned;
    }

    /**
     * Something arrived for a request that had already completed (a replayed job, a late callback, a dead letter):
     * the listeners get to finish work a failure of theirs left undone.
     */
    public void replayed(StickerRequest request) {
        notify(request, CompletionListener::replayed);
    }

    private void announce(String requestId, boolean won) {
        if (listeners.isEmpty()) {
            return;
        }
        Optional<StickerRequest> fresh = store.find(requestId);
        if (won && fresh.isPresent()) {
            notify(fresh.get(), CompletionListener::completed);
        } else if (won) {
            LOG.warn("completed request vanished before its listeners heard of it requestId={}", requestId);
        } else {
            fresh.ifPresent(this::replayed);
        }
    }

    /** Every listener is called even if one throws; then they fail together, so the trigger is retried. */
    private void notify(StickerRequest request, BiConsumer<CompletionListener, StickerRequest> call) {
        ListenerFailed failed = null;
        for (CompletionListener listener : listeners) {
            try {
                call.accept(listener, request);
            } catch (RuntimeException e) {
                LOG.error("completion listener failed requestId={} listener={}", request.id(),
                        listener.getClass().getSimpleName(), e);
                if (failed == null) {
                    failed = new ListenerFailed(request.id(), e);
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }

    /**
     * The request did complete, but a listener failed; whoever ended it should let its trigger be retried (or rely on
     * a job still on its way, as a cancel does), since the replay calls {@link CompletionListener#replayed}.
     */
    public static final class ListenerFailed extends RuntimeException {
        ListenerFailed(String requestId, RuntimeException cause) {
            super("a completion listener failed for request " + requestId, cause);
        }
    }

    private StoredImage store(String key, String fileName, byte[] png, GeneratedSticker sticker) {
        objects.put(key, png, PNG);
        return new StoredImage(key, PNG, fileName, png.length, sticker.width(), sticker.height());
    }
}
