package dev.sticker.core.config;

import dev.sticker.settings.Secret;

import java.util.Optional;

/** Where secrets come from: the configuration itself locally, a secret store on AWS; callers do not know which. */
@FunctionalInterface
public interface Secrets {

    /** The secret, or empty when it is not configured (or its parameter does not exist). */
    Optional<String> read(Secret secret);
}
