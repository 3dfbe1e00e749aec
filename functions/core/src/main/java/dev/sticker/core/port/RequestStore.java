package dev.sticker.core.port;

import dev.sticker.core.request.Failure;
import dev.sticker.core.request.LogLine;
import dev.sticker.core.request.QueueTicket;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.StickerResult;
import dev.sticker.core.webhook.WebhookAttempt;
import dev.sticker.core.webhook.WebhookLog;
import dev.sticker.core.webhook.WebhookState;

import java.time.Instant;
import java.util.Optional;

/**
 * Where requests live. Every state change is one conditional write, so a replayed or duplicated job can never move a
 * request backwards or complete it twice.
 */
public interface RequestStore {

    /** Stores a new IN_QUEUE request; refuses (returns false) if the id exists. */
    boolean create(StickerRequest request);

    Optional<StickerRequest> find(String id);

    /** IN_QUEUE and not cancelled → IN_PROGRESS (attempts + 1). Empty when the request is not claimable. */
    Optional<StickerRequest> claim(String id, Instant now);

    /** Any state but COMPLETED → COMPLETED with a result. False if it was already COMPLETED. */
    boolean complete(String id, StickerResult result, Instant now);

    /** Any state but COMPLETED → COMPLETED with a failure. False if it was already COMPLETED. */
    boolean fail(String id, Failure failure, Instant now);

    /** Marks a request that is not COMPLETED as cancelled. */
    CancelOutcome requestCancel(String id, Instant now);

    /** Appends a progress line (the store keeps only the most recent ones). */
    void appendLog(String id, LogLine line);

    /** Marks the webhook delivery queued unless the request already has a webhook state; true if this marked it. */
    boolean markWebhookQueued(String id);

    /**
     * Appends a webhook attempt and sets the state, only if exactly {@code attempt.number() - 1} attempts are recorded:
     * false when a duplicate delivery got there first.
     */
    boolean recordWebhookAttempt(String id, WebhookAttempt attempt, WebhookState state);

    /** The webhook's state and attempts; empty when no delivery was ever queued or recorded. */
    Optional<WebhookLog> webhookLog(String id);

    /**
     * Draws the next submission number and reads the started count with it, in one round trip (both counters live
     * together, so the pair is one consistent snapshot).
     */
    QueueTicket nextQueueTicket();

    /** Counts one more request taken off the queue; returns the new count. */
    long countStarted();

    /** How many requests have been taken off the queue so far. */
    long startedCount();

    enum CancelOutcome { CANCELLATION_REQUESTED, ALREADY_COMPLETED, NOT_FOUND }
}
