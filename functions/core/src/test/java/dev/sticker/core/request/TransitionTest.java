package dev.sticker.core.request;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
