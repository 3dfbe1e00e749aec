package dev.sticker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqsConcurrencyTest {

    private static final int CONCURRENCY = 3;
    private static final long HANDLING_MILLIS = 1_000;
    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudOptions.ephemeral(LocalCloudTest.FIXTURE).withSqsConcurrency(CONCURRENCY));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void slowMessagesAreHandledInParallelEachInItsOwnBatch() throws Exception {
        List<String> bodies = send("SlowQueue", "parallel", 2 * CONCURRENCY);
        long started = System.nanoTime();

        LocalCloudTest.awaitTrue(() -> SlowHandler.FINISHED.containsAll(bodies), Duration.ofSeconds(20));

        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(CONCURRENCY, SlowHandler.peakConcurrency(arn("SlowQueue")));
        // One at a time would take six seconds.
        assertTrue(elapsedMillis < 5 * HANDLING_MILLIS, "took " + elapsedMillis + " ms");
        assertQueueEmpty("SlowQueue");
    }

    @Test
    void anEventsMaximumConcurrencyCapsItsPollers() throws Exception {
        List<String> bodies = send("CappedQueue", "capped", 2 * CONCURRENCY);

        LocalCloudTest.awaitTrue(() -> SlowHandler.FINISHED.containsAll(bodies), Duration.ofSeconds(20));

        assertEquals(2, SlowHandler.peakConcurrency(arn("CappedQueue")));
        assertQueueEmpty("CappedQueue");
    }

    private static List<String> send(String queue, String name, int count) {
        List<String> bodies = IntStream.range(0, count).mapToObj(i -> name + "-" + i + " " + HANDLING_MILLIS).toList();
        bodies.forEach(body -> cloud.clients().sqs().sendMessage(b -> b.queueUrl(cloud.physicalName(queue))
                .messageBody(body)));
        return bodies;
    }

    private static void assertQueueEmpty(String queue) throws InterruptedException {
        LocalCloudTest.awaitTrue(() -> {
            var attributes = cloud.clients().sqs().getQueueAttributes(b -> b.queueUrl(cloud.physicalName(queue))
                    .attributeNamesWithStrings("ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"))
                    .attributesAsStrings();
            return attributes.values().stream().allMatch("0"::equals);
        }, Duration.ofSeconds(5));
    }

    private static String arn(String queue) {
        return "arn:aws:sqs:us-east-1:000000000000:sticker-local-" + queue;
    }
}
