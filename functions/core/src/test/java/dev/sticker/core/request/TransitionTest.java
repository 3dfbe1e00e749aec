package dev.sticker.core.request;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransitionTest {

    @Test
    void onlyAQueuedRequestCanBeClaimed() {
        assertTrue(Transition.CLAIM.allowedFrom(Status.IN_QUEUE));
        assertFalse(Transition.CLAIM.allowedFrom(Status.IN_PROGRESS));
        assertFalse(Transition.CLAIM.allowedFrom(Status.COMPLETED));
        assertEquals(Status.IN_PROGRESS, Transition.CLAIM.to(Status.IN_QUEUE));
    }

    @Test
    void completionNeverHappensTwice() {
        for (Transition ending : new Transition[]{Transition.COMPLETE, Transition.FAIL}) {
            assertEquals(EnumSet.of(Status.IN_QUEUE, Status.IN_PROGRESS), ending.from());
            assertFalse(ending.allowedFrom(Status.COMPLETED));
            assertEquals(Status.COMPLETED, ending.to(Status.IN_PROGRESS));
        }
    }

    @Test
    void cancelAfterCompletionIsRefusedAndKeepsTheStatusOtherwise() {
        assertFalse(Transition.REQUEST_CANCEL.allowedFrom(Status.COMPLETED));
        assertEquals(Status.IN_QUEUE, Transition.REQUEST_CANCEL.to(Status.IN_QUEUE));
        assertEquals(Status.IN_PROGRESS, Transition.REQUEST_CANCEL.to(Status.IN_PROGRESS));
    }

    @Test
    void nothingLeavesCompleted() {
        for (Transition transition : Transition.values()) {
            assertFalse(transition.allowedFrom(Status.COMPLETED), transition::name);
        }
    }

    @Test
    void queuePositionCountsRequestsAheadAndNeverGoesNegative() {
        assertEquals(0, QueuePosition.of(1, 0));
        assertEquals(2, QueuePosition.of(5, 2));
        assertEquals(0, QueuePosition.of(5, 9));
    }

    @Test
    void retentionSetsTheExpiryInEpochSeconds() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        assertEquals(Instant.parse("2025-01-08T00:00:00Z").getEpochSecond(), Retention.days(7).expiresAt(now));
        assertThrows(IllegalArgumentException.class, () -> Retention.days(0));
    }

    @Test
    void objectKeysFollowTheLayoutAndTheFileRouteServesOnlyThem() {
        assertEquals("inputs/r1/input", ObjectKeys.input("r1"));
        assertEquals("results/r1/sticker.png", ObjectKeys.sticker("r1"));
        assertEquals("results/r1/sticker_background_removed.png", ObjectKeys.stickerBackgroundRemoved("r1"));
        assertTrue(ObjectKeys.isServable("results/r1/sticker.png"));
        assertTrue(ObjectKeys.isServable("uploads/abc/photo.jpg"));
        assertFalse(ObjectKeys.isServable("results/../secrets"));
        assertFalse(ObjectKeys.isServable("incoming/x.jpg"));
        assertFalse(ObjectKeys.isServable(null));
    }
}
