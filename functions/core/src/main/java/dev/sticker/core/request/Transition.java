package dev.sticker.core.request;

import java.util.EnumSet;
import java.util.Set;

/**
 * The request state machine, in one place: each write a store may make, the states it may start from and the state
 * it leaves. A store turns {@link #from()} into its write condition (e.g. a DynamoDB condition expression
 * {@code #status IN (:from...)}), so a replayed or duplicated write is refused instead of moving a request backwards.
 *
 * <pre>
 *   IN_QUEUE ──CLAIM──► IN_PROGRESS ──COMPLETE / FAIL──► COMPLETED
 *      └──────────────── COMPLETE / FAIL (e.g. cancel) ──────┘
 * </pre>
 */
public enum Transition {
    /** A worker takes the job. Also requires that no cancellation was requested. */
    CLAIM(EnumSet.of(Status.IN_QUEUE), Status.IN_PROGRESS),
    /** A result is stored. */
    COMPLETE(EnumSet.of(Status.IN_QUEUE, Status.IN_PROGRESS), Status.COMPLETED),
    /** The request ends with an error (including cancellation and a dead-lettered job). */
    FAIL(EnumSet.of(Status.IN_QUEUE, Status.IN_PROGRESS), Status.COMPLETED),
    /** The caller asks to cancel; the status is unchanged, the flag set (then FAIL with the cancelled failure). */
    REQUEST_CANCEL(EnumSet.of(Status.IN_QUEUE, Status.IN_PROGRESS), null);

    private final Set<Status> from;
    private final Status to;

    Transition(Set<Status> from, Status to) {
        this.from = from;
        this.to = to;
    }

    /** The states this write may start from. */
    public Set<Status> from() {
        return EnumSet.copyOf(from);
    }

    /** The state after the write; for {@link #REQUEST_CANCEL} the status is kept. */
    public Status to(Status current) {
        return to == null ? current : to;
    }

    public boolean allowedFrom(Status current) {
        return from.contains(current);
    }
}
