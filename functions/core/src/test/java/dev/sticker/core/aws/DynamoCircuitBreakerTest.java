package dev.sticker.core.aws;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamoCircuitBreakerTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private final DynamoCircuitBreaker breaker = new DynamoCircuitBreaker(LocalAws.clients().dynamo(),
            LocalAws.accountStoreTable(), 3, Duration.ofSeconds(60));
    private final String backend = "backend-" + UUID.randomUUID();

    @Test
    void aBackendIsSkippedAfterFailuresInARowUntilTheCoolDownPasses() {
        assertTrue(breaker.allows(backend, NOW), "closed to begin with");
        breaker.failed(backend, NOW);
        breaker.failed(backend, NOW);
        assertTrue(breaker.allows(backend, NOW), "two failures are not enough");

        breaker.failed(backend, NOW);

        assertFalse(breaker.allows(backend, NOW.plusSeconds(59)));
        assertTrue(breaker.allows(backend, NOW.plusSeconds(60)), "tried again after the cool-down");
    }

    @Test
    void oneMoreFailureAfterTheCoolDownOpensItAgainAndASuccessClosesIt() {
        for (int i = 0; i < 3; i++) {
            breaker.failed(backend, NOW);
        }

        breaker.failed(backend, NOW.plusSeconds(61));
        assertFalse(breaker.allows(backend, NOW.plusSeconds(62)), "the trial failed: open again at once");

        breaker.succeeded(backend);
        assertTrue(breaker.allows(backend, NOW.plusSeconds(62)));
        breaker.failed(backend, NOW.plusSeconds(63));
        assertTrue(breaker.allows(backend, NOW.plusSeconds(63)), "the count started over");
    }
}
