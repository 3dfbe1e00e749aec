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

    /** {@link Transition#COMPLETE} with this result; false when the write was refused. */
    boolean complete(String id, StickerResult result, Instant now);

    /** {@link Transition#FAIL} with this failure; false when the write was refused. */
    boolean fail(String id, Failure failure, Instant now);

    /** {@link Transition#SETTLE}: the held price was charged or released; false when it was settled already. */
    boolean settle(String id, Instant now);

    /** {@link Transition#REQUEST_CANCEL}; when the write was refused, whether the request exists tells why. */
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

    enum CancelOutcome { CANCELLATION_REQUESTED, ALREADY_COMPLETED, NOT_FOUND }
}
