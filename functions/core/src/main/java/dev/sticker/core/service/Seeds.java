package dev.sticker.core.service;

import dev.sticker.core.input.StickerInput;

import java.security.SecureRandom;

/**
 * Seeds for callers that gave none, drawn at call time. Not ThreadLocalRandom: its per-thread state and its static
 * seeder are captured in a SnapStart snapshot, so every environment restored from one snapshot would draw the same
 * sequence. The generator is made on first use, never during initialisation, and {@link #renew()} (run after a
 * restore) discards it so that each restored environment makes its own.
 */
public final class Seeds {

    /** Seeds drawn for callers that gave none stay in fal's 32-bit range. */
    private static final long DRAWN_BOUND = 1L << 32;

    private static volatile SecureRandom generator;

    private Seeds() {
    }

    /** The seed a generation of this input uses: the caller's, or one drawn now. */
    public static long of(StickerInput input) {
        return input.seed() != null ? input.seed() : draw(DRAWN_BOUND);
    }

    private static long draw(long bound) {
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
