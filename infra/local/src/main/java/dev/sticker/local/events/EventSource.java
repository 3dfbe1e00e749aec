package dev.sticker.local.events;

import java.time.Duration;

/**
 * Something that invokes a function when events arrive, like a Lambda event source mapping or an EventBridge rule.
 * Each template event type the local cloud emulates (besides Api, which the gateway serves) is one implementation.
 *
 * <p>A graceful stop is {@link #stop()}, then {@link #awaitIdle(Duration)}, then {@link #close()}.
 */
public interface EventSource extends AutoCloseable {

    void start();

    /** Takes no new events from now on; invocations under way go on. */
    void stop();

    /** How many invocations are under way. */
    int runningInvocations();

    /** Waits until no invocation is under way or the timeout passes; true if none is. */
    boolean awaitIdle(Duration timeout) throws InterruptedException;

    /** Stops, and abandons the invocations still under way (their threads are interrupted), without waiting. */
    @Override
    void close();
}
