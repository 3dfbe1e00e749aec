package dev.sticker.core.port;

import java.time.Duration;

/** Hands a request to the workers. At-least-once: a job may arrive twice, and the store makes that harmless. */
public interface JobQueue {

    /** The longest delay one message can carry (SQS allows 15 minutes). */
    Duration MAX_DELAY = Duration.ofMinutes(15);

    /** @param delay how long the job waits before a worker may take it, up to {@link #MAX_DELAY} */
    void enqueue(String requestId, Duration delay);
}
