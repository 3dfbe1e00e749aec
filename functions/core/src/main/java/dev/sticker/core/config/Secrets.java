package dev.sticker.core.config;

import java.util.Optional;

/** Where secrets come from; today the configuration itself, later a secret store, without touching the callers. */
@FunctionalInterface
public interface Secrets {

    /** The per-deployment key that signs remote-worker jobs and callbacks; empty when not configured. */
    Optional<String> callbackSecret();
}
