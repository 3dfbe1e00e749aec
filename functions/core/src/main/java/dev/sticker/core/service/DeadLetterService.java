package dev.sticker.core.service;

import dev.sticker.core.port.RequestStore;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** A job that exhausted its retries: its request ends with an error, so no request is left unfinished. */
public final class DeadLetterService {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterService.class);

    private final RequestStore store;
    private final Completion completion;

    public DeadLetterService(RequestStore store, Completion completion) {
        this.store = store;
        this.completion = completion;
    }

    /**
     * @param receiveCount how many times the queue delivered the job
     * @return true if this ended the request, false if it was unknown or already completed
     */
    public boolean handle(String requestId, int receiveCount) {
        Optional<StickerRequest> found = store.find(requestId);
        if (!found.map(Transition.FAIL::allows).orElse(false)) {
            LOG.info("dead job ignored requestId={} known={}", requestId, found.isPresent());
            found.ifPresent(completion::replayed);
            return false;
        }
        int attempts = Math.max(receiveCount, found.get().attempts());
        return completion.fail(requestId, Failure.internal("generation failed after " + attempts + " attempts"));
    }
}
