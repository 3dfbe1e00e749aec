package dev.sticker.core.webhook;

import java.time.Instant;

/**
 * One POST to the caller's webhook.
 *
 * @param number     1 for the first attempt
 * @param httpStatus the receiver's status code, 0 when there was no answer
 * @param error      why it failed, null when delivered
 */
public record WebhookAttempt(int number, Instant at, int httpStatus, String error, long millis) {

    public boolean delivered() {
        return error == null;
    }
}
