package dev.sticker.local.events;

/**
 * Something that invokes a function when events arrive, like a Lambda event source mapping. Each template event
 * type the local cloud emulates (besides Api, which the gateway serves) is one implementation.
 */
public interface EventSource extends AutoCloseable {

    void start();

    /** Stops delivering; returns once no invocation is in flight or a short grace period has passed. */
    @Override
    void close();
}
