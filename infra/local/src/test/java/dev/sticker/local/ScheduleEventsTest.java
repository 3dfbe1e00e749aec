package dev.sticker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import org.junit.jupiter.api.Test;

class ScheduleEventsTest {

    private static final Duration PERIOD = Duration.ofMillis(300);

    @Test
    void schedulesInvokeTheirFunctionsWithWhatEventBridgeSendsAndKeepGoingAfterAFailure() throws Exception {
        int ticksBefore = TickHandler.RECEIVED.size();
        int inputsBefore = InputRecorder.RECEIVED.size();
        TickHandler.FAIL_NEXT.set(true);
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.ephemeral(LocalCloudTest.FIXTURE)
                .withSchedulePeriod(PERIOD))) {
            LocalCloudTest.awaitTrue(() -> TickHandler.RECEIVED.size() >= ticksBefore + 3
                    && InputRecorder.RECEIVED.size() >= inputsBefore + 2, Duration.ofSeconds(10));
        }
        List<TickHandler.Tick> ticks = TickHandler.RECEIVED.subList(ticksBefore, TickHandler.RECEIVED.size());
        for (TickHandler.Tick tick : ticks) {
            ScheduledEvent event = tick.event();
            assertEquals("aws.events", event.getSource());
            assertEquals("Scheduled Event", event.getDetailType());
            // Only the enabled rule fires: the disabled Nightly one would name its own ARN.
            assertEquals(List.of("arn:aws:events:us-east-1:000000000000:rule/sticker-local-TickFunctionEveryMinute"),
                    event.getResources());
            assertEquals("000000000000", event.getAccount());
            assertEquals("us-east-1", event.getRegion());
            assertEquals(Map.of(), event.getDetail());
            long lag = tick.receivedMillis() - event.getTime().getMillis();
            assertTrue(lag >= 0 && lag < 5_000, "the event's time is when it was scheduled, " + lag + " ms ago");
        }
        assertEquals(ticks.size(), ticks.stream().map(t -> t.event().getId()).distinct().count());
        // The first invocation threw; the schedule went on at its next tick.
        assertTrue(ticks.get(0).failed());
        assertFalse(ticks.get(1).failed());
        long retryAfter = ticks.get(1).receivedMillis() - ticks.get(0).receivedMillis();
        assertTrue(retryAfter >= PERIOD.toMillis() - 50, "retried at the next tick, not at once: " + retryAfter);
        for (Map<String, Object> input : InputRecorder.RECEIVED.subList(inputsBefore, InputRecorder.RECEIVED.size())) {
            assertEquals(Map.of("scope", "orphans", "limit", 10), input);
        }

        int ticksAtClose = TickHandler.RECEIVED.size();
        Thread.sleep(PERIOD.multipliedBy(3).toMillis());
        assertEquals(ticksAtClose, TickHandler.RECEIVED.size(), "a closed cloud runs no schedule");
    }
}
