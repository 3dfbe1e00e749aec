package dev.sticker.core.sweep;

import dev.sticker.core.port.JobQueue;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.FailOver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Finishes what nothing else will: each run reads the open requests (a sparse index, so the cost is the open ones)
 * and acts on those with no sign of life. A request waiting with no sign of its job for {@code queuedAfter}, or
 * running past the worker's timeout, has its job queued again (a worker then claims it, or takes it over); after
 * {@code maxRequeues} of those it ends with an error; a provider elsewhere silent past its timeout hands it to the next
 * backend. Every action is
 * a conditional write that names what the sweep read, so a sweep racing a late worker or another sweep never yields
 * two outcomes; an ended request releases its held credit and has its webhook sent, as any completion does.
 */
public final class Sweeper {

    private static final Logger LOG = LoggerFactory.getLogger(Sweeper.class);
    /** Clocks of the machines involved may disagree by this much. */
    private static final Duration MARGIN = Duration.ofSeconds(15);

    private final RequestStore store;
    private final JobQueue queue;
    private final Completion completion;
    private final FailOver failOver;
    private final SweepSettings settings;
    private final Clock clock;

    public Sweeper(RequestStore store, JobQueue queue, Completion completion, FailOver failOver, SweepSettings settings,
                   Clock clock) {
        this.store = store;
        this.queue = queue;
        this.completion = completion;
        this.failOver = failOver;
        this.settings = settings;
        this.clock = clock;
    }

    /** What one sweep found and did. */
    public record Report(int open, int requeued, int failedOver, int ended) {
    }

    /** What a sweep does with one open request. */
    public sealed interface Action {
        /** It shows signs of life: nothing to do. */
        record Leave() implements Action {
        }

        /** Its job may be lost: queue it again. */
        record Requeue() implements Action {
        }

        /** Nothing will finish it: end it with this failure. */
        record End(Failure failure) implements Action {
        }

        /** The provider running it fell silent: move it to the next backend. */
        record FailOver(Failure failure) implements Action {
        }
    }

    public Report sweep() {
        List<StickerRequest> open = store.openRequests();
        int requeued = 0;
        int ended = 0;
        int failedOver = 0;
        for (StickerRequest request : open) {
            Instant now = clock.instant();
            Action action = actionFor(request, now);
            try {
                if (action instanceof Action.Requeue && store.requeue(request.id(), request.requeues(), now)) {
                    queue.enqueue(request.id(), Duration.ZERO);
                    requeued++;
                    LOG.warn("job queued again requestId={} status={} requeues={}", request.id(), request.status(),
                            request.requeues() + 1);
                } else if (action instanceof Action.End end
                        && completion.abandon(request.id(), request.attempts(), end.failure())) {
                    ended++;
                    LOG.warn("request given up requestId={} status={} reason={}", request.id(), request.status(),
                            end.failure().message());
                } else if (action instanceof Action.FailOver silent
                        && failOver.failOver(request, request.dispatch().backend(), silent.failure())) {
                    failedOver++;
                }
            } catch (RuntimeException e) {
                // One request's trouble must not stop the sweep of the others; the next sweep tries it again.
                LOG.error("sweep of one request failed requestId={}", request.id(), e);
            }
        }
        Report report = new Report(open.size(), requeued, failedOver, ended);
        LOG.info("sweep done open={} requeued={} failedOver={} ended={}", report.open(), report.requeued(),
                report.failedOver(), report.ended());
        return report;
    }

    /** The rule, on the request as read. */
    public Action actionFor(StickerRequest request, Instant now) {
        if (request.status() == Status.IN_PROGRESS && request.dispatch() != null) {
            return request.dispatch().at().plus(settings.remoteTimeout()).plus(MARGIN).isBefore(now)
                    ? new Action.FailOver(Failure.internal("the " + request.dispatch().backend()
                    + " backend did not answer in time")) : new Action.Leave();
        }
        boolean queued = request.status() == Status.IN_QUEUE;
        Instant lastSign = latest(queued ? request.createdAt() : request.startedAt(), request.queueSeenAt());
        Duration patience = queued ? settings.queuedAfter() : settings.workerTimeout().plus(MARGIN);
        if (lastSign.plus(patience).isAfter(now)) {
            return new Action.Leave();
        }
        if (request.cancelRequested()) {
            // The canceller stopped between raising the flag and ending the request.
            return new Action.End(Failure.cancelled());
        }
        if (request.requeues() < settings.maxRequeues()) {
            return new Action.Requeue();
        }
        return new Action.End(Failure.internal(queued ? "the request's job was lost and could not be queued again"
                : "generation stopped and could not be resumed"));
    }

    private static Instant latest(Instant a, Instant b) {
        return b != null && b.isAfter(a) ? b : a;
    }
}
