package dev.sticker.core.service;

import dev.sticker.core.backend.Backends;
import dev.sticker.core.photo.ResultImages;
import dev.sticker.core.port.BackendOutcome;
import dev.sticker.core.port.JobQueue;
import dev.sticker.core.port.RemoteBackend;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.FalWire;
import dev.sticker.core.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Requests running at a provider elsewhere, from dispatch to their end. What a job came to reaches us by a signed
 * callback ({@code POST /webhooks/{backend}/{id}}) or, when none came, by polling: the job queue carries delayed check
 * messages, first after a minute for providers that call back and within seconds for those that do not, then at
 * doubling intervals. Either way the outcome is applied once, through the same {@link Completion} as the builtin
 * path: images copied into our storage and the request completed, the caller's error ending it, the provider's moving
 * it to the next backend ({@link FailOver}), as does silence past the remote timeout. Anything about a job that is no
 * longer the request's current one (a late callback after a fail-over, a cancel or an end) is verified, logged and
 * dropped.
 */
public final class RemoteJobs {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJobs.class);
    /** How long a provider that calls back is given before the first poll. */
    static final Duration CALLBACK_GRACE = Duration.ofSeconds(60);
    /** How soon a provider without callbacks is first polled. */
    static final Duration FIRST_POLL = Duration.ofSeconds(2);
    /** SQS delays a message for 15 minutes at most. */
    static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

    private final RequestStore store;
    private final Backends backends;
    private final JobQueue queue;
    private final ResultImages images;
    private final Completion completion;
    private final FailOver failOver;
    private final Duration remoteTimeout;
    private final Clock clock;

    public RemoteJobs(RequestStore store, Backends backends, JobQueue queue, ResultImages images,
                      Completion completion, FailOver failOver, Duration remoteTimeout, Clock clock) {
        this.store = store;
        this.backends = backends;
        this.queue = queue;
        this.images = images;
        this.completion = completion;
        this.failOver = failOver;
        this.remoteTimeout = remoteTimeout;
        this.clock = clock;
    }

    /** Just dispatched: the first check, should no callback come. */
    public void scheduleFirstCheck(String requestId, RemoteBackend backend) {
        queue.enqueue(requestId, backend.callsBack() ? CALLBACK_GRACE : FIRST_POLL);
    }

    /** A job message for a request running elsewhere: ask the provider how the job stands, and act on it. */
    public JobOutcome check(StickerRequest request) {
        StickerRequest.Dispatch dispatch = request.dispatch();
        Optional<RemoteBackend> backend = backends.remote(dispatch.backend());
        if (backend.isEmpty()) {
            failOver.failOver(request, dispatch.backend(), Failure.internal("the " + dispatch.backend()
                    + " backend is no longer configured"));
            return new JobOutcome.Skipped("its backend is gone: failed over");
        }
        BackendOutcome outcome = backend.get().poll(dispatch.upstreamId());
        if (!(outcome instanceof BackendOutcome.Pending)) {
            return apply(request, dispatch.backend(), outcome);
        }
        Duration age = Duration.between(dispatch.at(), clock.instant());
        if (age.compareTo(remoteTimeout) > 0) {
            failOver.failOver(request, dispatch.backend(), Failure.internal("the " + dispatch.backend()
                    + " backend did not answer in time"));
            return new JobOutcome.Skipped("no answer in time: failed over");
        }
        queue.enqueue(request.id(), nextWait(age, backend.get()));
        return new JobOutcome.Skipped("still running at the " + dispatch.backend() + " backend");
    }

    /** Doubling waits from the first check on: the next check comes when the job is twice as old. */
    static Duration nextWait(Duration age, RemoteBackend backend) {
        Duration first = backend.callsBack() ? CALLBACK_GRACE : FIRST_POLL;
        Duration wait = age.compareTo(first) > 0 ? age : first;
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /**
     * A job message for a request that ended while a provider still ran it (a cancel): the provider is asked to stop.
     * Harmless for a job that already finished there.
     */
    public void stopUpstream(StickerRequest request) {
        StickerRequest.Dispatch dispatch = request.dispatch();
        if (dispatch != null && request.result() == null) {
            backends.remote(dispatch.backend()).ifPresent(backend -> backend.cancel(dispatch.upstreamId()));
            LOG.info("job stopped upstream requestId={} backend={} upstreamId={}", request.id(), dispatch.backend(),
                    dispatch.upstreamId());
        }
    }

    /** A callback on {@code /webhooks/{backend}/{id}}: verified first, whatever the request's state. */
    public ApiReply callback(String backendName, String requestId, Map<String, String> headers, byte[] body) {
        Optional<RemoteBackend> backend = backends.remote(backendName);
        if (backend.isEmpty()) {
            return FalWire.error(404, "No such backend");
        }
        Instant now = clock.instant();
        RemoteBackend.CallbackReading reading = backend.get().readCallback(requestId, headers, body, now);
        if (reading instanceof RemoteBackend.CallbackReading.Refused refused) {
            return FalWire.error(refused.status(), refused.reason());
        }
        RemoteBackend.CallbackReading.Accepted accepted = (RemoteBackend.CallbackReading.Accepted) reading;
        Optional<StickerRequest> found = store.find(requestId);
        if (found.isEmpty()) {
            return FalWire.notFound();
        }
        StickerRequest request = found.get();
        StickerRequest.Dispatch dispatch = request.dispatch();
        boolean current = request.status() == Status.IN_PROGRESS && dispatch != null
                && dispatch.backend().equals(backendName) && dispatch.upstreamId().equals(accepted.upstreamId());
        if (!current) {
            LOG.info("callback dropped requestId={} backend={} upstreamId={} status={} (not the request's current job)",
                    requestId, backendName, accepted.upstreamId(), request.status());
            return reply(requestId, request.status() == Status.COMPLETED ? "ALREADY_COMPLETED" : "IGNORED");
        }
        apply(request, backendName, accepted.outcome());
        return reply(requestId, accepted.outcome() instanceof BackendOutcome.Pending ? "IN_PROGRESS" : "RECEIVED");
    }

    /** What a provider said the request's job came to. */
    private JobOutcome apply(StickerRequest request, String backend, BackendOutcome outcome) {
        if (outcome instanceof BackendOutcome.Failed failed && failed.fault() == BackendOutcome.Fault.CALLER) {
            backends.breaker().succeeded(backend);
            return completion.fail(request.id(), failed.failure()) ? new JobOutcome.Failed(failed.failure())
                    : new JobOutcome.Skipped("already completed");
        }
        if (outcome instanceof BackendOutcome.Failed failed) {
            failOver.failOver(request, backend, failed.failure());
            return new JobOutcome.Skipped("the " + backend + " backend failed: failed over");
        }
        if (outcome instanceof BackendOutcome.Delivered delivered) {
            ResultImages.Loaded loaded = images.load(delivered.sticker(), delivered.backgroundRemoved(),
                    delivered.seed(), delivered.stickerNsfw(), delivered.backgroundRemovedNsfw());
            if (loaded.problem() != null) {
                failOver.failOver(request, backend, Failure.internal("the " + backend
                        + " backend returned unusable images: " + loaded.problem()));
                return new JobOutcome.Skipped("unusable images: failed over");
            }
            backends.breaker().succeeded(backend);
            return completion.complete(request.id(), loaded.sticker(), backend) ? new JobOutcome.Completed()
                    : new JobOutcome.Skipped("already completed");
        }
        if (outcome instanceof BackendOutcome.Done done) {
            backends.breaker().succeeded(backend);
            return completion.complete(request.id(), done.sticker(), backend) ? new JobOutcome.Completed()
                    : new JobOutcome.Skipped("already completed");
        }
        return new JobOutcome.Skipped("still running at the " + backend + " backend");
    }

    private static ApiReply reply(String requestId, String status) {
        return ApiReply.json(200, Json.MAPPER.createObjectNode().put("status", status).toString(), requestId);
    }
}
