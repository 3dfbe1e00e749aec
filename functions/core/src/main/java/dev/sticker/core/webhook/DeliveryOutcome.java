package dev.sticker.core.webhook;

import java.time.Duration;

/** What handling one delivery message did; every outcome lets the message be deleted. */
public sealed interface DeliveryOutcome {

    /** The receiver answered 2xx. */
    record Delivered(int attempt, int status) implements DeliveryOutcome {
    }

    /** The attempt failed; the next one is queued to run after the wait. */
    record Retrying(int attempt, String error, Duration backoff) implements DeliveryOutcome {
    }

    /** The last attempt failed, or the URL is refused: nothing more is tried. */
    record GaveUp(int attempt, String error) implements DeliveryOutcome {
    }

    /** Too early for this attempt: the job went back on the queue for up to the queue's longest delay. */
    record Waiting(Duration remaining) implements DeliveryOutcome {
    }

    /** Nothing to do: unknown request, no webhook, or this attempt already ran (a duplicate message). */
    record Skipped(String reason) implements DeliveryOutcome {
    }
}
