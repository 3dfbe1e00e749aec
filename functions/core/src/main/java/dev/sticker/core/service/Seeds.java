package dev.sticker.core.service;

import java.security.SecureRandom;

/**
 * Seeds for callers that gave none, drawn at call time. Not ThreadLocalRandom: its per-thread state and its static
 * seeder are captured in a SnapStart snapshot, so every environment restored from one snapshot would draw the same
 * sequence. The generator is made on first use, never during initialisation, and {@link #renew()} (run after a
 * restore) discards it so that each restored environment makes its own.
 */
public final class Seeds {

    private static volatile SecureRandom generator;

    private Seeds() {
    }

    /** A seed in {@code [0, bound)}. */
    public static long draw(long bound) {
        SecureRandom current = generator;
        if (current == null) {
            current = new SecureRandom();
            generator = current;
        }
        return current.nextLong(bound);
    }

    /** Forgets the generator; the next draw makes a fresh one. */
    public static void renew() {
        generator = null;
    }
}
