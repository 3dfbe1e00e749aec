package dev.sticker.core.service;

import dev.sticker.core.port.CircuitBreaker;
import dev.sticker.core.port.JobQueue;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.LogLine;
import dev.sticker.core.request.StickerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A backend failed a request for its own reasons (an outage, an error that is not the input's, no answer in time):
 * its breaker hears of it, the request waits again with the backend noted as failed, and its job goes back on the
 * queue for the next backend. When none is left, the worker that takes the job ends the request.
 */
public final class FailOver {

    private static final Logger LOG = LoggerFactory.getLogger(FailOver.class);

    private final RequestStore store;
    private final JobQueue queue;
    private final CircuitBreaker breaker;
    private final Clock clock;

    public FailOver(RequestStore store, JobQueue queue, CircuitBreaker breaker, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.breaker = breaker;
        this.clock = clock;
    }

    /** False when the request moved on since it was read (another delivery, a cancel, an end). */
    public boolean failOver(StickerRequest request, String backend, Failure failure) {
        breaker.failed(backend, clock.instant());
        if (!store.failOver(request.id(), request.attempts(), backend)) {
            LOG.info("fail-over refused requestId={} backend={} (moved on since)", request.id(), backend);
            return false;
        }
        store.appendLogs(request.id(), List.of(new LogLine("the " + backend + " backend failed: " + failure.message()
                + "; trying the next backend", LogLine.Level.WARN, clock.instant())));
        queue.enqueue(request.id(), Duration.ZERO);
        LOG.warn("request failed over requestId={} backend={} reason={}", request.id(), backend, failure.message());
        return true;
    }
}
