package dev.sticker.core.service;

import dev.sticker.core.backend.Backends;
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
import dev.sticker.core.port.RemoteBackend;
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
import java.util.List;
import java.util.Optional;

/**
 * The worker side of a job: claim the request (a conditional write, so a duplicate job is a no-op), pick the seed and
 * try the backends in order until one takes it: a provider's failure moves on to the next backend, the caller's ends
 * the request, a result completes it through {@link Completion}, a job handed elsewhere is followed by
 * {@link RemoteJobs}. A job message for a request running elsewhere is such a follow-up; one for a request whose
 * worker stopped past its timeout takes it over. A cancel while running has already completed the request, so a
 * late result is discarded.
 */
public final class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** How long a job waits before trying again when its account runs as many requests as its limit allows. */
    static final Duration WAIT_FOR_SLOT = Duration.ofSeconds(2);

    private final RequestStore store;
    private final AccountStore accounts;
    private final JobQueue queue;
    private final Backends backends;
    private final RemoteJobs remoteJobs;
    private final PhotoSource photos;
    private final ResultImages results;
    private final Completion completion;
    private final Duration workerTimeout;
    private final Clock clock;

    /** @param workerTimeout the longest a worker may run: a job IN_PROGRESS for longer has no living worker */
    public JobRunner(RequestStore store, AccountStore accounts, JobQueue queue, Backends backends,
                     RemoteJobs remoteJobs, PhotoSource photos, ResultImages results, Completion completion,
                     Duration workerTimeout, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.queue = queue;
        this.backends = backends;
        this.remoteJobs = remoteJobs;
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
        ProgressLines progress = new ProgressLines(store, requestId, clock);
        progress.info("claimed by a worker (attempt " + request.attempts() + ")");
        StickerInput input = InputSchema.fromStoredJson(request.inputJson());
        long seed = Seeds.of(input);
        GenerationJob job = new GenerationJob(requestId, input.withSeed(seed), seed,
                loggedPhoto(requestId, billing.accountId(), input.imageUrl(), progress),
                photos.providerUrl(requestId, billing.accountId(), input.imageUrl()), progress);
        List<Backend> candidates = backends.candidates(request, clock.instant());
        Failure lastFailure = Failure.internal(request.failedBackends().isEmpty() ? "no backend is available"
                : "every backend failed (" + String.join(", ", request.failedBackends()) + ")");
        for (int i = 0; i < candidates.size(); i++) {
            Backend backend = candidates.get(i);
            LOG.info("job started requestId={} backend={} seed={}", requestId, backend.name(), seed);
            BackendOutcome outcome = usable(backend, attempt(backend, job));
            if (outcome instanceof BackendOutcome.Failed failed && failed.fault() == BackendOutcome.Fault.PROVIDER) {
                backends.breaker().failed(backend.name(), clock.instant());
                lastFailure = failed.failure();
                progress.log(LogLine.Level.WARN, "the " + backend.name() + " backend failed: "
                        + failed.failure().message() + (i + 1 < candidates.size()
                        ? "; trying the " + candidates.get(i + 1).name() + " backend" : ""));
                continue;
            }
            backends.breaker().succeeded(backend.name());
            return finish(request, backend, outcome, progress);
        }
        progress.log(LogLine.Level.ERROR, lastFailure.message());
        progress.flush();
        return completion.fail(requestId, lastFailure) ? new JobOutcome.Failed(lastFailure)
                : new JobOutcome.Skipped("abandoned: already completed");
    }

    private static BackendOutcome attempt(Backend backend, GenerationJob job) {
        try {
            return backend.generate(job);
        } catch (RuntimeException e) {
            LOG.error("backend failed requestId={} backend={}", job.requestId(), backend.name(), e);
            return BackendOutcome.Failed.providers(Failure.internal("generation failed"));
        }
    }

    /** Images delivered now are copied in at once; images that cannot be used are the backend's failure. */
    private BackendOutcome usable(Backend backend, BackendOutcome outcome) {
        if (!(outcome instanceof BackendOutcome.Delivered delivered)) {
            return outcome;
        }
        ResultImages.Loaded loaded = results.load(delivered.sticker(), delivered.backgroundRemoved(),
                delivered.seed(), delivered.stickerNsfw(), delivered.backgroundRemovedNsfw());
        return loaded.problem() == null ? new BackendOutcome.Done(loaded.sticker())
                : BackendOutcome.Failed.providers(Failure.internal("the " + backend.name()
                + " backend returned unusable images: " + loaded.problem()));
    }

    /** Records the outcome, after the progress lines that led to it. */
    private JobOutcome finish(StickerRequest request, Backend backend, BackendOutcome outcome, ProgressLines progress) {
        String requestId = request.id();
        if (outcome instanceof BackendOutcome.Pending pending) {
            progress.info("dispatched to the " + backend.name() + " backend");
            progress.flush();
            store.dispatch(requestId, request.attempts(),
                    new StickerRequest.Dispatch(backend.name(), pending.upstreamId(), clock.instant()));
            remoteJobs.scheduleFirstCheck(requestId, (RemoteBackend) backend);
            return new JobOutcome.Dispatched();
        }
        if (outcome instanceof BackendOutcome.Failed failed) {
            progress.log(LogLine.Level.ERROR, failed.failure().message());
            progress.flush();
            return completion.fail(requestId, failed.failure())
                    ? new JobOutcome.Failed(failed.failure()) : new JobOutcome.Skipped("abandoned: already completed");
        }
        progress.info("storing results");
        progress.flush();
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
            return remoteJobs.check(request);
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
            remoteJobs.stopUpstream(request);
            completion.replayed(request);
        }
        LOG.info("job skipped requestId={} status={} cancelRequested={}", requestId, request.status(),
                request.cancelRequested());
        return new JobOutcome.Skipped(request.status() == Status.COMPLETED ? "already completed" : "cancelled");
    }
}
