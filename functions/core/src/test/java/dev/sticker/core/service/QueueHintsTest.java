package dev.sticker.core.service;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class QueueHintsTest {

    @Test
    void headersOfTheClientAreRead() {
        QueueHints hints = QueueHints.fromHeaders(Map.of(
                "x-fal-queue-priority", "low",
                "x-fal-runner-hint", "eu-1",
                "x-fal-request-timeout", "30",
                "x-fal-object-lifecycle-preference", "{\"expiration_duration_seconds\":3600}")::get);

        assertEquals(new QueueHints("low", "eu-1", Duration.ofSeconds(30), Duration.ofHours(1)), hints);
    }

    @Test
    void absentOrUnreadableHeadersAreLeftOut() {
        assertEquals(QueueHints.NONE, QueueHints.fromHeaders(name -> null));
        QueueHints hints = QueueHints.fromHeaders(Map.of(
                "x-fal-queue-priority", "urgent",
                "x-fal-request-timeout", "soon",
                "x-fal-object-lifecycle-preference", "{\"expiration_duration_seconds\":-5}")::get);

        assertEquals("normal", hints.priority());
        assertNull(hints.requestTimeout());
        assertNull(hints.resultLifetime());
        assertNull(QueueHints.fromHeaders(Map.of("x-fal-object-lifecycle-preference", "not json")::get)
                .resultLifetime());
    }
}
