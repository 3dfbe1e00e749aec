package dev.sticker.core.request;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The request state machine, declared once: every write that moves a request through its lifecycle, the statuses it
 * may start from, the status it leaves, what it requires beyond the status ({@link Guard}) and what else it changes
 * ({@link Effect}). A store turns each transition into one conditional write (DynamoDB:
 * {@code dev.sticker.core.aws.TransitionExpressions}), so a replayed, duplicated or late write is refused instead of
 * moving a request backwards or ending it twice; services ask {@link #allows} rather than comparing statuses.
 *
 * <pre>
 *   (no request) ─CREATE─► IN_QUEUE ─CLAIM─► IN_PROGRESS ─COMPLETE / FAIL / ABANDON─► COMPLETED
 *                            └──────────────── COMPLETE / FAIL / ABANDON ─────────────────▲
 *   Keeping the status: WAIT and REQUEUE on IN_QUEUE; RECLAIM, DISPATCH and REQUEUE on IN_PROGRESS.
 *   FAIL_OVER takes IN_PROGRESS back to IN_QUEUE when a backend failed it, for the next backend to take.
 *   REQUEST_CANCEL raises the cancel flag on IN_QUEUE or IN_PROGRESS and keeps the status; CLAIM and RECLAIM refuse
 *   a request whose flag is raised, and the canceller then FAILs it with the cancelled failure.
 *   WAIT, REQUEUE and DISPATCH keep the status and note how the job stands, for the sweeper; RECLAIM lets a worker
 *   take over from one that stopped; ABANDON is the sweeper ending a request nothing will finish.
 *   SETTLE, once COMPLETED, records that the price held at submit was charged (a result) or released (a failure).
 *   Every transition into COMPLETED takes the request out of the index of open requests.
 * </pre>
 *
 * <p>The terminal rule: nothing leaves COMPLETED. A transition may start from COMPLETED only if it keeps the status
 * and saves no outcome; a declaration that breaks this fails as the class loads.
 *
 * <p>To add a transition (a sweeper's re-enqueue, a backend failover, a credit charge): add a constant here with its
 * from-statuses, target, guards and effects; give the store a method that applies it; add its row to the expected
 * table of {@code RequestStoreContractTest}. A field it reads or writes is a constant of {@link Flag}, {@link Counter}
 * or {@link Moment} (the stores' exhaustive switches then ask for its attribute). A new kind of guard or effect is a
 * record in {@link Guard} (with its in-memory check) or {@link Effect}, and one branch in each store's translation; a
 * guard on a value the caller saw (the attempt a sweeper read before failing a stalled request) names the counter,
 * and the store's method takes the value seen.
 */
public enum Transition {

    /** A submit stores the new request; refused once a request has the id. */
    CREATE(EnumSet.noneOf(Status.class), Optional.of(Status.IN_QUEUE), List.of(), List.of()),

    /** A worker takes the job, unless a cancellation was requested; every claim counts an attempt. */
    CLAIM(EnumSet.of(Status.IN_QUEUE), Optional.of(Status.IN_PROGRESS),
            List.of(new Guard.NotRaised(Flag.CANCEL_REQUESTED)),
            List.of(new Effect.Count(Counter.ATTEMPTS), new Effect.Stamp(Moment.STARTED))),

    /**
     * A worker takes over a job whose last worker stopped without an end (the job came back after the worker's
     * timeout): only the worker that read the attempt it replaces, and never a job handed to a provider elsewhere.
     */
    RECLAIM(EnumSet.of(Status.IN_PROGRESS), Optional.of(Status.IN_PROGRESS),
            List.of(new Guard.NotRaised(Flag.CANCEL_REQUESTED), new Guard.Unchanged(Counter.ATTEMPTS),
                    new Guard.NotRecorded(Detail.DISPATCH)),
            List.of(new Effect.Count(Counter.ATTEMPTS), new Effect.Stamp(Moment.STARTED))),

    /** A worker found the account's running slots taken and queued the job again to wait: the job is alive. */
    WAIT(EnumSet.of(Status.IN_QUEUE), Optional.empty(), List.of(), List.of(new Effect.Stamp(Moment.QUEUE_SEEN))),

    /**
     * The sweeper queues the job again for a request with no sign of its job: counted, and only by the sweeper that
     * read the count, so that two sweeps never both queue it.
     */
    REQUEUE(EnumSet.of(Status.IN_QUEUE, Status.IN_PROGRESS), Optional.empty(),
            List.of(new Guard.Unchanged(Counter.REQUEUES)),
            List.of(new Effect.Count(Counter.REQUEUES), new Effect.Stamp(Moment.QUEUE_SEEN))),

    /**
     * The worker holding the attempt it read handed the generation to a provider elsewhere, which calls back; not
     * once a cancellation was asked for (the canceller ends the request).
     */
    DISPATCH(EnumSet.of(Status.IN_PROGRESS), Optional.empty(),
            List.of(new Guard.NotRaised(Flag.CANCEL_REQUESTED), new Guard.Unchanged(Counter.ATTEMPTS)),
            List.of(new Effect.Record(Detail.DISPATCH))),

    /**
     * The backend running it failed it for its own reasons (an outage, no answer in time): the request waits again,
     * for the next backend, and the failed one is noted so no later attempt goes back to it. Only the worker or
     * callback that read the attempt, and not once a cancellation was asked for.
     */
    FAIL_OVER(EnumSet.of(Status.IN_PROGRESS), Optional.of(Status.IN_QUEUE),
            List.of(new Guard.NotRaised(Flag.CANCEL_REQUESTED), new Guard.Unchanged(Counter.ATTEMPTS)),
            List.of(new Effect.Forget(Detail.DISPATCH), new Effect.Append(Detail.FAILED_BACKENDS))),

    /**
     * The sweeper ends a request nothing will finish with an error, unless a worker took it since it looked (the
     * attempt it read changed).
     */
    ABANDON(EnumSet.of(Status.IN_QUEUE, Status.IN_PROGRESS), Optional.of(Status.COMPLETED),
            List.of(new Guard.Unchanged(Counter.ATTEMPTS)),
            List.of(new Effect.Save(Outcome.FAILURE), new Effect.Stamp(Moment.COMPLETED))),

    /**
     * The request ends with a result: from a worker, or a remote worker's callback, which may arrive before any claim.
     * A requested cancellation does not stop it (a result that got there first stands).
     */
    COMPLETE(EnumSet.of(Status.IN_QUEUE, Status.IN_PROGRESS), Optional.of(Status.COMPLETED), List.of(),
            List.of(new Effect.Save(Outcome.RESULT), new Effect.Stamp(Moment.COMPLETED))),

    /** The request ends with an error: a failed generation, a cancellation, a dead job, a job that was never queued. */
    FAIL(EnumSet.of(Status.IN_QUEUE, Status.IN_PROGRESS), Optional.of(Status.COMPLETED), List.of(),
            List.of(new Effect.Save(Outcome.FAILURE), new Effect.Stamp(Moment.COMPLETED))),

    /** The caller asks to cancel: the status is kept and the flag raised; asking again is harmless. */
    REQUEST_CANCEL(EnumSet.of(Status.IN_QUEUE, Status.IN_PROGRESS), Optional.empty(), List.of(),
            List.of(new Effect.Raise(Flag.CANCEL_REQUESTED), new Effect.Stamp(Moment.CANCEL_REQUESTED))),

    /**
     * The price held at submit has been charged or released, once the request ended: recorded once, so the
     * settlement that finishes first is the one, and a replayed one knows it is done.
     */
    SETTLE(EnumSet.of(Status.COMPLETED), Optional.empty(), List.of(new Guard.NotRaised(Flag.SETTLED)),
            List.of(new Effect.Raise(Flag.SETTLED), new Effect.Stamp(Moment.SETTLED)));

    private final EnumSet<Status> from;
    private final Optional<Status> target;
    private final List<Guard> guards;
    private final List<Effect> effects;

    Transition(EnumSet<Status> from, Optional<Status> target, List<Guard> guards, List<Effect> effects) {
        boolean savesOutcome = effects.stream().anyMatch(Effect.Save.class::isInstance);
        if (from.contains(Status.COMPLETED) && (target.isPresent() || savesOutcome)) {
            throw new IllegalArgumentException(name() + " breaks the terminal rule: nothing leaves COMPLETED");
        }
        this.from = from;
        this.target = target;
        this.guards = List.copyOf(guards);
        this.effects = List.copyOf(effects);
    }

    /** The statuses this write may start from; empty for {@link #CREATE}, which starts from no request at all. */
    public Set<Status> from() {
        return Collections.unmodifiableSet(from);
    }

    /** Whether this write stores a new request rather than changing one. */
    public boolean creates() {
        return from.isEmpty();
    }

    /** The status the write leaves; empty when it keeps the current one. */
    public Optional<Status> target() {
        return target;
    }

    /** What the write requires besides the status, all of it. */
    public List<Guard> guards() {
        return guards;
    }

    /** What the write changes besides the status. */
    public List<Effect> effects() {
        return effects;
    }

    /** Whether the store would accept this write on the request as read (a later read may tell otherwise). */
    public boolean allows(StickerRequest current) {
        return from.contains(current.status()) && guards.stream().allMatch(guard -> guard.holds(current));
    }

    /** A yes/no fact kept on a request. */
    public enum Flag {
        CANCEL_REQUESTED(StickerRequest::cancelRequested),
        SETTLED(request -> request.settledAt() != null);

        private final Predicate<StickerRequest> raised;

        Flag(Predicate<StickerRequest> raised) {
            this.raised = raised;
        }

        public boolean isRaised(StickerRequest request) {
            return raised.test(request);
        }
    }

    /** A count kept on a request. */
    public enum Counter { ATTEMPTS, REQUEUES }

    /** A moment a request records. */
    public enum Moment { STARTED, COMPLETED, CANCEL_REQUESTED, SETTLED, QUEUE_SEEN }

    /** A detail a write records, carried by the write. */
    public enum Detail {
        DISPATCH(request -> request.dispatch() != null),
        FAILED_BACKENDS(request -> !request.failedBackends().isEmpty());

        private final Predicate<StickerRequest> recorded;

        Detail(Predicate<StickerRequest> recorded) {
            this.recorded = recorded;
        }

        public boolean isRecorded(StickerRequest request) {
            return recorded.test(request);
        }
    }

    /** How a request ended. */
    public enum Outcome { RESULT, FAILURE }

    /** A condition a write needs beyond the from-statuses. */
    public sealed interface Guard {

        /** Whether the request as read meets it. */
        boolean holds(StickerRequest request);

        /** The flag must not be raised (a request that never had it counts as not raised). */
        record NotRaised(Flag flag) implements Guard {
            @Override
            public boolean holds(StickerRequest request) {
                return !flag.isRaised(request);
            }
        }

        /** The detail must not be recorded. */
        record NotRecorded(Detail detail) implements Guard {
            @Override
            public boolean holds(StickerRequest request) {
                return !detail.isRecorded(request);
            }
        }

        /**
         * The counter must still have the value the caller read, which the store's method takes: the request as the
         * caller read it meets this by definition.
         */
        record Unchanged(Counter counter) implements Guard {
            @Override
            public boolean holds(StickerRequest request) {
                return true;
            }
        }
    }

    /** A change a write makes besides the status. */
    public sealed interface Effect {

        /** Adds one to the counter. */
        record Count(Counter counter) implements Effect {
        }

        /** Raises the flag. */
        record Raise(Flag flag) implements Effect {
        }

        /** Records the moment as the write's time. */
        record Stamp(Moment moment) implements Effect {
        }

        /** Saves the outcome the write carries. */
        record Save(Outcome outcome) implements Effect {
        }

        /** Records the detail the write carries. */
        record Record(Detail detail) implements Effect {
        }

        /** Adds the item the write carries to the end of the detail, a list. */
        record Append(Detail detail) implements Effect {
        }

        /** Removes the detail. */
        record Forget(Detail detail) implements Effect {
        }
    }
}
