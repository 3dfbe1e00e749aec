package dev.sticker.core.service;

import dev.sticker.core.account.Caller;
import dev.sticker.core.port.JobQueue;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RequestStore.CancelOutcome;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.ObjectKeys;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.FalWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The read side of fal's queue API plus cancel, for the caller's own requests (another account's request is answered
 * as an unknown one): status, result, cancel; and the durable file route, whose unguessable URLs are capabilities.
 */
public final class RequestQueries {

    private static final Logger LOG = LoggerFactory.getLogger(RequestQueries.class);
    /** How long a file redirect stays usable; the durable /files URL can always mint a fresh one. */
    public static final Duration FILE_LINK_LIFETIME = Duration.ofMinutes(15);

    private final RequestStore store;
    private final OwnRequests own;
    private final ObjectStore objects;
    private final Completion completion;
    private final JobQueue queue;
    private final Clock clock;

    public RequestQueries(RequestStore store, OwnRequests own, ObjectStore objects, Completion completion,
                          JobQueue queue, Clock clock) {
        this.store = store;
        this.own = own;
        this.objects = objects;
        this.completion = completion;
        this.queue = queue;
        this.clock = clock;
    }

    /** fal's {@code logs} query parameter: 1 or true asks for the log lines. */
    public static boolean logsRequested(String logsParameter) {
        return "1".equals(logsParameter) || "true".equalsIgnoreCase(logsParameter);
    }

    public ApiReply status(Caller caller, String requestId, boolean withLogs, ApiUrls urls) {
        return own.find(caller, requestId)
                .map(request -> FalWire.status(request, own.queuePosition(request), withLogs, urls))
                .orElseGet(FalWire::notFound);
    }

    public ApiReply result(Caller caller, String requestId, ApiUrls urls) {
        return own.find(caller, requestId).filter(this::unexpired).map(request -> FalWire.result(request, urls))
                .orElseGet(FalWire::notFound);
    }

    /**
     * Cancels a queued or running request at once: it completes with the cancelled failure; a queued job is then
     * skipped and a running one is abandoned (its result, if it comes, is discarded by the conditional completion).
     */
    public ApiReply cancel(Caller caller, String requestId) {
        if (own.find(caller, requestId).isEmpty()) {
            return FalWire.cancel(CancelOutcome.NOT_FOUND, requestId);
        }
        CancelOutcome outcome = store.requestCancel(requestId, clock.instant());
        if (outcome == CancelOutcome.CANCELLATION_REQUESTED && !cancelled(requestId)) {
            // The job finished between the two writes: it is the result that stands.
            boolean cancelled = store.find(requestId)
                    .map(r -> r.failure() != null && r.failure().equals(Failure.cancelled())).orElse(false);
            outcome = cancelled ? CancelOutcome.CANCELLATION_REQUESTED : CancelOutcome.ALREADY_COMPLETED;
        }
        if (outcome == CancelOutcome.CANCELLATION_REQUESTED
                && store.find(requestId).map(r -> r.dispatch() != null).orElse(false)) {
            // A provider elsewhere still runs it: a job message lets the worker, which can reach it, stop it there.
            queue.enqueue(requestId, Duration.ZERO);
        }
        LOG.info("cancel requestId={} outcome={}", requestId, outcome);
        return FalWire.cancel(outcome, requestId);
    }

    private boolean cancelled(String requestId) {
        try {
            return completion.fail(requestId, Failure.cancelled());
        } catch (Completion.ListenerFailed e) {
            // The cancel stands; the job still queued or running meets the completed request and replays the listeners.
            LOG.warn("cancelled, listeners to be replayed requestId={}", requestId);
            return true;
        }
    }

    /** The durable file route: a redirect to a fresh presigned GET, or 404 for keys it does not serve. */
    public ApiReply file(String key) {
        if (!ObjectKeys.isServable(key)) {
            return FalWire.error(404, "File not found");
        }
        Duration lifetime = FILE_LINK_LIFETIME;
        Optional<String> owner = ObjectKeys.requestIdOf(key);
        if (owner.isPresent()) {
            // A request's files live as long as the request (its retention, or the caller's shorter preference).
            Optional<StickerRequest> request = store.find(owner.get()).filter(this::unexpired);
            if (request.isEmpty()) {
                return FalWire.error(404, "File not found");
            }
            Duration left = Duration.between(clock.instant(), Instant.ofEpochSecond(request.get().expiresAt()));
            lifetime = left.compareTo(lifetime) < 0 ? left : lifetime;
        }
        return ApiReply.redirect(objects.presignGet(key, lifetime).toString());
    }

    /** DynamoDB deletes expired items only eventually (within days), so expiry is checked on every read. */
    private boolean unexpired(StickerRequest request) {
        return request.expiresAt() <= 0 || clock.instant().getEpochSecond() < request.expiresAt();
    }
}
