package dev.sticker.core.request;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QueuePositionTest {

    @Test
    void queuePositionCountsRequestsAheadAndNeverGoesNegative() {
        assertEquals(0, QueuePosition.of(1, 0));
        assertEquals(2, QueuePosition.of(5, 2));
        assertEquals(0, QueuePosition.of(5, 9));
    }
}
