package dev.sticker.core.webhook;

import java.time.Instant;

/**
 * One attempt to deliver a request's webhook, as it travels on the delivery queue.
 *
 * @param notBefore the attempt waits until then; queues delay a message by at most 15 minutes, so a longer backoff
 *                  is reached by queueing the same job again
 */
public record DeliveryJob(String requestId, int attempt, Instant notBefore) {
}
