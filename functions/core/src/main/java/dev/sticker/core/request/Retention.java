package dev.sticker.core.request;

import java.time.Duration;
import java.time.Instant;

/** How long requests, inputs and results are kept (STICKER_RETENTION_DAYS); the store forgets them after. */
public record Retention(Duration keepFor) {

    public Retention {
        if (keepFor.isNegative() || keepFor.isZero()) {
            throw new IllegalArgumentException("retention must be positive: " + keepFor);
        }
    }

    public static Retention days(int days) {
        return new Retention(Duration.ofDays(days));
    }

    /** Epoch seconds after which a request made at {@code now} may be deleted (DynamoDB TTL attribute). */
    public long expiresAt(Instant now) {
        return now.plus(keepFor).getEpochSecond();
    }
}
