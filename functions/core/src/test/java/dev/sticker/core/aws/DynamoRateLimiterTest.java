package dev.sticker.core.aws;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DynamoRateLimiterTest {

    private final DynamoRateLimiter limiter = new DynamoRateLimiter(LocalAws.clients().dynamo(),
            LocalAws.accountStoreTable());
    private final String subject = "key-" + UUID.randomUUID();

    @Test
    void callsBeyondTheLimitWaitForTheNextMinute() {
        Instant windowStart = Instant.parse("2026-03-04T05:06:00Z");

        for (int call = 0; call < 3; call++) {
            assertEquals(Optional.empty(), limiter.take(subject, 3, windowStart.plusSeconds(call)));
        }

        assertEquals(Optional.of(Duration.ofSeconds(45)), limiter.take(subject, 3, windowStart.plusSeconds(15)));
        assertEquals(Optional.empty(), limiter.take(subject, 3, windowStart.plusSeconds(60)), "a new window");
    }

    @Test
    void subjectsAreCountedApart() {
        Instant now = Instant.parse("2026-03-04T05:06:00Z");
        limiter.take(subject, 1, now);

        assertEquals(Optional.empty(), limiter.take(subject + "-other", 1, now));
    }
}
