package dev.sticker.core.port;

import dev.sticker.core.request.Failure;
import dev.sticker.core.request.LogLine;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.StickerResult;
import dev.sticker.core.request.Transition;
import dev.sticker.core.webhook.WebhookAttempt;
import dev.sticker.core.webhook.WebhookLog;
import dev.sticker.core.webhook.WebhookState;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where requests live. Every state change applies one {@link Transition} as one conditional write: only from the
 * statuses and under the guards it declares, so a replayed, duplicated or late write is refused instead of moving a
 * request backwards or completing it twice.
 */
public interface RequestStore {

    /** {@link Transition#CREATE}: stores the new request; false if the id exists. */
    boolean create(StickerRequest request);

    Optional<StickerRequest> find(String id);

    /** {@link Transition#CLAIM}: the claimed request, empty when the write was refused. */
    Optional<StickerRequest> claim(String id, Instant now);

    /**
     * {@link Transition#RECLAIM}: a worker takes over a job whose last worker stopped;
     * the request as claimed, or empty when another worker took it, it ended, was cancelled or runs elsewhere.
     */
    Optional<StickerRequest> reclaim(String id, int attemptsSeen, Instant now);

    /** {@link Transition#WAIT}: the job is back on the queue to wait for a running slot; false once it left it. */
    boolean markWaiting(String id, Instant now);

    /** {@link Transition#REQUEUE}: the sweeper queues the job again; false when another sweep did, or it ended. */
    boolean requeue(String id, int requeuesSeen, Instant now);

    /** {@link Transition#DISPATCH}: the generation runs elsewhere now; false when the attempt read is not current. */
    boolean dispatch(String id, int attemptsSeen, StickerRequest.Dispatch dispatch);

    /**
     * {@link Transition#FAIL_OVER}: the backend failed the request, which waits again for the next; false when the
     * attempt read is not current, the request ended or a cancellation was asked for.
     */
    boolean failOver(String id, int attemptsSeen, String failedBackend);

    /** {@link Transition#COMPLETE} with this result; false when the write was refused. */
    boolean complete(String id, StickerResult result, Instant now);

    /** {@link Transition#FAIL} with this failure; false when the write was refused. */
    boolean fail(String id, Failure failure, Instant now);

    /** {@link Transition#ABANDON}: the sweeper ends the request with the failure, unless a worker took it since. */
    boolean abandon(String id, int attemptsSeen, Failure failure, Instant now);

    /** Every request not yet COMPLETED, read from the sparse index of open requests (eventually consistent). */
    List<StickerRequest> openRequests();

    /** {@link Transition#SETTLE}: the held price was charged or released; false when it was settled already. */
    boolean settle(String id, Instant now);

    /** {@link Transition#REQUEST_CANCEL}; when the write was refused, whether the request exists tells why. */
    CancelOutcome requestCancel(String id, Instant now);

    /** Appends progress lines in one write (the store keeps only the most recent ones). */
    void appendLogs(String id, List<LogLine> lines);

    /** Marks the webhook delivery queued unless the request already has a webhook state; true if this marked it. */
    boolean markWebhookQueued(String id);

    /**
     * Appends a webhook attempt and sets the state, only if exactly {@code attempt.number() - 1} attempts are recorded:
     * false when a duplicate delivery got there first.
     */
    boolean recordWebhookAttempt(String id, WebhookAttempt attempt, WebhookState state);

    /** The webhook's state and attempts; empty when no delivery was ever queued or recorded. */
    Optional<WebhookLog> webhookLog(String id);

    enum CancelOutcome { CANCELLATION_REQUESTED, ALREADY_COMPLETED, NOT_FOUND }
}
