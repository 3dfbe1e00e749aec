package dev.sticker.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Test waits: on the queue API, until a request completes or shows a status, failing the test at the deadline; on
 * anything else, until a condition holds, leaving the verdict to the assertion that follows.
 */
final class Await {

    static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private Await() {
    }

    /** Polls until COMPLETED; every status seen, in order and without repeats, goes to {@code seen}. */
    static QueueClient.Reply completed(QueueClient api, String requestId, Duration timeout, List<String> seen) {
        return api.awaitCompleted(requestId, timeout, POLL_INTERVAL, status -> {
            assertPolled(requestId, status);
            String state = status.text("status");
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
                seen.add(state);
            }
        });
    }

    static QueueClient.Reply completed(QueueClient api, String requestId, Duration timeout) {
        return completed(api, requestId, timeout, new ArrayList<>());
    }

    /** Polls until the request shows the given status. */
    static QueueClient.Reply status(QueueClient api, String requestId, String wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            QueueClient.Reply status = api.status(requestId);
            assertPolled(requestId, status);
            if (status.text("status").equals(wanted)) {
                return status;
            }
            QueueClient.pause(POLL_INTERVAL);
        }
        throw new AssertionError("request " + requestId + " never reached " + wanted + " within " + timeout);
    }

    /** Checks every 100 ms until the condition holds or the timeout has passed. */
    static void until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            QueueClient.pause(Duration.ofMillis(100));
        }
    }

    /** A status call answers 202 while the request waits or runs and 200 once it is done; anything else is a bug. */
    private static void assertPolled(String requestId, QueueClient.Reply status) {
        assertTrue(status.status() == 200 || status.status() == 202,
                "status of " + requestId + " answered " + status.status() + ": " + status.json());
    }
}
