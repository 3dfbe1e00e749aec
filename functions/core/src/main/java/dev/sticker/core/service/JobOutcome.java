package dev.sticker.core.service;

import dev.sticker.core.request.Failure;

/** What the worker did with one job message; tells the handler whether to acknowledge it. */
public sealed interface JobOutcome {

    /** Acknowledge: the request completed with a result. */
    record Completed() implements JobOutcome {
    }

    /** Acknowledge: handed to a remote worker, which calls back. */
    record Dispatched() implements JobOutcome {
    }

    /** Acknowledge: the request completed with this failure. */
    record Failed(Failure failure) implements JobOutcome {
    }

    /** Acknowledge: nothing to do (unknown, already completed, cancelled, or abandoned by a cancel). */
    record Skipped(String reason) implements JobOutcome {
    }

    /**
     * Acknowledge: the request's account is running as many requests as its limit allows; the job was queued again,
     * delayed, and the request waits IN_QUEUE.
     */
    record Deferred() implements JobOutcome {
    }

    /**
     * Do NOT acknowledge: another delivery of this job holds the request IN_PROGRESS. If that worker died, the
     * message comes back until the queue dead-letters it and {@link DeadLetterService} ends the request, so nothing
     * stays IN_PROGRESS forever.
     */
    record Busy() implements JobOutcome {
    }

    default boolean acknowledge() {
        return !(this instanceof Busy);
    }
}
