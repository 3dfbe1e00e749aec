package dev.sticker.core.account;

import java.time.Instant;

/**
 * A customer of the API with prepaid credit, in micro-dollars. {@code balance} is the credit left after charges (the
 * sum of the ledger); {@code reserved} is held by requests still running; what may still be spent is
 * {@link #available()}. Limits: at most {@code concurrencyLimit} requests IN_PROGRESS at once, and
 * {@code rateLimitPerMinute} calls per key and minute.
 *
 * @param locked     refused for new work whatever its credit (an operator's decision), with {@code lockReason}
 * @param submitted  how many requests the account ever submitted (its queue numbers)
 * @param started    how many of them were taken off its queue
 */
public record Account(String id, String name, long balanceMicros, long reservedMicros, int concurrencyLimit,
                      int rateLimitPerMinute, boolean locked, String lockReason, Instant createdAt, long submitted,
                      long started) {

    public static final int DEFAULT_CONCURRENCY_LIMIT = 2;
    public static final int DEFAULT_RATE_LIMIT_PER_MINUTE = 1200;

    public long availableMicros() {
        return balanceMicros - reservedMicros;
    }

    /** fal's wording for why an account may not start new work, or null when it may. */
    public String lockedBecause(long priceMicros) {
        if (locked) {
            return lockReason == null || lockReason.isBlank() ? "Admin lock" : lockReason;
        }
        return availableMicros() < priceMicros ? "Exhausted balance" : null;
    }
}
