package dev.sticker.core.backend;

import dev.sticker.core.port.Backend;
import dev.sticker.core.port.CircuitBreaker;
import dev.sticker.core.port.RemoteBackend;
import dev.sticker.core.request.StickerRequest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The backends a request may be generated on, in the configured order, with one circuit breaker each. A request tries
 * them in turn: skipping those that already failed it, and those whose breaker is open.
 */
public final class Backends {

    /** The CPU engine in the worker. */
    public static final String BUILTIN = "builtin";

    private final List<Backend> ordered;
    private final CircuitBreaker breaker;

    public Backends(List<Backend> ordered, CircuitBreaker breaker) {
        this.ordered = List.copyOf(ordered);
        this.breaker = breaker;
    }

    /** The backends to try for the request now, in order. */
    public List<Backend> candidates(StickerRequest request, Instant now) {
        return ordered.stream()
                .filter(backend -> !request.failedBackends().contains(backend.name()))
                .filter(backend -> breaker.allows(backend.name(), now))
                .toList();
    }

    /** The backend of that name, if it is configured here. */
    public Optional<Backend> named(String name) {
        return ordered.stream().filter(backend -> backend.name().equals(name)).findFirst();
    }

    /** The backend of that name running jobs elsewhere, if it is configured here. */
    public Optional<RemoteBackend> remote(String name) {
        return named(name).filter(RemoteBackend.class::isInstance).map(RemoteBackend.class::cast);
    }

    public CircuitBreaker breaker() {
        return breaker;
    }
}
