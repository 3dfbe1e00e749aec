package dev.sticker.core.port;

import java.time.Instant;

/**
 * One breaker per backend, shared by every function: a backend that failed too often in a row is skipped for a
 * cool-down, then tried again; one success closes it.
 */
public interface CircuitBreaker {

    /** Whether the backend may be tried now: closed, or open for longer than the cool-down. */
    boolean allows(String backend, Instant now);

    /** The backend failed a request for its own reasons. */
    void failed(String backend, Instant now);

    /** The backend took or finished a request. */
    void succeeded(String backend);
}
