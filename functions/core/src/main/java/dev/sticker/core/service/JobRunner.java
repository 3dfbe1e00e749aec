package dev.sticker.core.service;

import dev.sticker.core.input.InputSchema;
import dev.sticker.core.input.StickerInput;
import dev.sticker.core.photo.FetchResult;
import dev.sticker.core.photo.ResultImages;
import dev.sticker.core.port.AccountStore;
import dev.sticker.core.port.Backend;
import dev.sticker.core.port.BackendOutcome;
import dev.sticker.core.port.GenerationJob;
import dev.sticker.core.port.JobQueue;
import dev.sticker.core.port.Photo;
import dev.sticker.core.port.ProgressLog;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.request.Billing;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.LogLine;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The worker side of a job: claim the request (a conditional write, so a duplicate job is a no-op), pick the seed,
 * run the backend and end the request through {@link Completion}. A cancel while running has already completed the
 * request, so the result is then discarded.
 */
public final class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** How long a job waits before trying again when its account runs as many requests as its limit allows. */
    static final Duration WAIT_FOR_SLOT = Duration.ofSeconds(2);

    private final RequestStore store;
    private final AccountStore accounts;
    private final JobQueue queue;
    private final Backend backend;
    private final PhotoSource photos;
    private final ResultImages results;
    private final Completion completion;
    private final Duration workerTimeout;
    private final Clock clock;

    /** @param workerTimeout the longest a worker may run: a job IN_PROGRESS for longer has no living worker */
    public JobRunner(RequestStore store, AccountStore accounts, JobQueue queue, Backend backend, PhotoSource photos,
                     ResultImages results, Completion completion, Duration workerTimeout, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.queue = queue;
        this.backend = backend;
        this.photos = photos;
        this.results = results;
        this.completion = completion;
        this.workerTimeout = workerTimeout;
        this.clock = clock;
    }

    public JobOutcome run(String requestId) {
        Optional<StickerRequest> found = store.find(requestId);
        if (found.isPresent() && workerStopped(found.get())) {
            // The worker that claimed it is gone (the job came back after its timeout): take over, once.
            Optional<StickerRequest> reclaimed = store.reclaim(requestId, found.get().attempts(), clock.instant());
            return reclaimed.isPresent() ? generate(reclaimed.get()) : notClaimed(requestId, store.find(requestId));
        }
        if (found.isEmpty() || !Transition.CLAIM.allows(found.get())) {
            return notClaimed(requestId, found);
        }
        Billing billing = found.get().billing();
        if (!accounts.acquireSlot(billing.accountId(), requestId, clock.instant())) {
            queue.enqueue(requestId, WAIT_FOR_SLOT);
            store.markWaiting(requestId, clock.instant());
            LOG.info("job deferred requestId={} accountId={} (account at its concurrency limit)", requestId,
                    billing.accountId());
            return new JobOutcome.Deferred();
        }
        Optional<StickerRequest> claimed = store.claim(requestId, clock.instant());
        if (claimed.isEmpty()) {
            accounts.releaseSlot(billing.accountId(), requestId);
            return notClaimed(requestId, store.find(requestId));
        }
        return generate(claimed.get());
    }

    /** Whether a request is running with no worker left: past the worker's timeout, and not handed elsewhere. */
    private boolean workerStopped(StickerRequest request) {
        return Transition.RECLAIM.allows(request)
                && request.startedAt().plus(workerTimeout).isBefore(clock.instant());
    }

    private JobOutcome generate(StickerRequest request) {
        String requestId = request.id();
        Billing billing = request.billing();
        ProgressLog progress = (level, message) -> store.appendLog(requestId, new LogLine(message, level,
                clock.instant()));
        progress.info("claimed by a worker (attempt " + request.attempts() + ")");
        StickerInput input = InputSchema.fromStoredJson(request.inputJson());
        long seed = Seeds.of(input);
        GenerationJob job = new GenerationJob(requestId, input.withSeed(seed), seed,
                loggedPhoto(requestId, billing.accountId(), input.imageUrl(), progress),
                photos.providerUrl(requestId, billing.accountId(), input.imageUrl()), progress);
        LOG.info("job started requestId={} backend={} seed={}", requestId, backend.name(), seed);
        BackendOutcome outcome;
        try {
            outcome = backend.generate(job);
        } catch (RuntimeException e) {
            LOG.error("backend failed requestId={}", requestId, e);
            outcome = BackendOutcome.Failed.providers(Failure.internal("generation failed"));
        }
        return finish(request, outcome, progress);
    }

    private JobOutcome finish(StickerRequest request, BackendOutcome outcome, ProgressLog progress) {
        String requestId = request.id();
        if (outcome instanceof BackendOutcome.Pending pending) {
            store.dispatch(requestId, request.attempts(),
                    new StickerRequest.Dispatch(backend.name(), pending.upstreamId(), clock.instant()));
            progress.info("dispatched to the " + backend.name() + " backend");
            return new JobOutcome.Dispatched();
        }
        if (outcome instanceof BackendOutcome.Failed failed) {
            progress.log(LogLine.Level.ERROR, failed.failure().message());
            return completion.fail(requestId, failed.failure())
                    ? new JobOutcome.Failed(failed.failure()) : new JobOutcome.Skipped("abandoned: already completed");
        }
        if (outcome instanceof BackendOutcome.Delivered delivered) {
            progress.info("copying results from the " + backend.name() + " backend");
            ResultImages.Loaded loaded = results.load(delivered.sticker(), delivered.backgroundRemoved(),
                    delivered.seed(), delivered.stickerNsfw(), delivered.backgroundRemovedNsfw());
            if (loaded.problem() != null) {
                return finish(request, BackendOutcome.Failed.providers(Failure.internal("the " + backend.name()
                        + " backend returned unusable images: " + loaded.problem())), progress);
            }
            outcome = new BackendOutcome.Done(loaded.sticker());
        }
        progress.info("storing results");
        boolean completed = completion.complete(requestId, ((BackendOutcome.Done) outcome).sticker(), backend.name());
        return completed ? new JobOutcome.Completed() : new JobOutcome.Skipped("abandoned: already completed");
    }

    private Photo loggedPhoto(String requestId, String accountId, String imageUrl, ProgressLog progress) {
        return () -> {
            progress.info("fetching input image");
            FetchResult photo = photos.load(requestId, accountId, imageUrl);
            if (photo instanceof FetchResult.Fetched fetched) {
                progress.info("fetched input image (" + fetched.type().mimeType() + ", " + fetched.bytes().length
                        + " bytes)");
            } else {
                progress.log(LogLine.Level.ERROR, ((FetchResult.Refused) photo).failure().message());
            }
            return photo;
        };
    }

    private JobOutcome notClaimed(String requestId, Optional<StickerRequest> found) {
        if (found.isEmpty()) {
            LOG.warn("job for unknown request requestId={}", requestId);
            return new JobOutcome.Skipped("unknown request");
        }
        StickerRequest request = found.get();
        if (request.status() == Status.IN_PROGRESS && request.dispatch() != null) {
            LOG.info("job runs at a provider elsewhere requestId={} backend={}", requestId,
                    request.dispatch().backend());
            return new JobOutcome.Skipped("handed to the " + request.dispatch().backend() + " backend");
        }
        if (request.status() == Status.IN_PROGRESS) {
            LOG.info("job already running elsewhere requestId={}", requestId);
            return new JobOutcome.Busy();
        }
        if (request.status() == Status.COMPLETED && request.startedAt() == null) {
            // Ended while queued (cancelled): count it as taken off the queue so later positions stay right.
            accounts.countStarted(request.billing().accountId());
        }
        if (request.status() == Status.COMPLETED) {
            completion.replayed(request);
        }
        LOG.info("job skipped requestId={} status={} cancelRequested={}", requestId, request.status(),
                request.cancelRequested());
        return new JobOutcome.Skipped(request.status() == Status.COMPLETED ? "already completed" : "cancelled");
    }
}
