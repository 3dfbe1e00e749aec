package dev.sticker.core.port;

import dev.sticker.core.webhook.DeliveryJob;

import java.time.Duration;

/** Hands webhook deliveries to the delivery function. At-least-once, like the job queue. */
public interface DeliveryQueue {

    /** The longest delay one message can carry (SQS allows 15 minutes). */
    Duration MAX_DELAY = Duration.ofMinutes(15);

    /** @param delay up to {@link #MAX_DELAY} */
    void enqueue(DeliveryJob job, Duration delay);
}
