package dev.sticker.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Counts calls per subject (a key, an IP address) in fixed one-minute windows. */
public interface RateLimiter {

    /** Counts one call; empty when it is within the limit, else how long until the next window opens. */
    Optional<Duration> take(String subject, int perMinute, Instant now);
}
