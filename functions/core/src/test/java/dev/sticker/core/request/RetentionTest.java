package dev.sticker.core.request;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetentionTest {

    @Test
    void retentionSetsTheExpiryInEpochSeconds() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        assertEquals(Instant.parse("2025-01-08T00:00:00Z").getEpochSecond(), Retention.days(7).expiresAt(now));
        assertThrows(IllegalArgumentException.class, () -> Retention.days(0));
    }
}
