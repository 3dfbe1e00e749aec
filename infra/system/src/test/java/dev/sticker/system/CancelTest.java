package dev.sticker.system;

import dev.sticker.local.LocalCloud;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cancel in every state a request can be in. The account may run one request at a time, so while its first renders
 * its second waits {@code IN_QUEUE}, however many jobs the local cloud runs at once.
 */
class CancelTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** The largest preset renders for a few seconds: time enough to act while it runs. */
    private static final String SLOW_SIZE = "square_hd";
    private static QueueClient api;

    @BeforeAll
    static void startCloud() {
        api = new QueueClient(LocalCloud.shared().apiUrl(), TestKeys.open("10", 1).key());
    }

    @Test
    void cancelWhileQueuedEndsTheRequestAndItsJobIsSkipped() {
        String running = submit(SLOW_SIZE);
        Await.status(api, running, "IN_PROGRESS", TIMEOUT);
        String queued = submit("square");
        QueueClient.Reply before = api.status(queued);
        assertEquals("IN_QUEUE", before.text("status"), "the worker is busy with the first request");
        assertTrue(before.json().path("queue_position").asLong() >= 0);

        QueueClient.Reply cancel = api.cancel(queued);

        assertEquals(202, cancel.status(), cancel.json().toString());
        assertEquals("CANCELLATION_REQUESTED", cancel.text("status"));
        assertCancelled(queued);
        Await.completed(api, running, TIMEOUT);
        assertEquals(200, api.result(running).status(), "the other request is unaffected");
        assertCancelled(queued);
    }

    @Test
    void cancelWhileRunningEndsTheRequestAndTheLateResultIsDiscarded() {
        String id = submit(SLOW_SIZE);
        Await.status(api, id, "IN_PROGRESS", TIMEOUT);

        QueueClient.Reply cancel = api.cancel(id);

        assertEquals(202, cancel.status(), cancel.json().toString());
        assertCancelled(id);
        String next = submit("square");
        Await.completed(api, next, TIMEOUT);
        assertCancelled(id);
    }

    @Test
    void cancelAfterCompletionIsRefused() {
        String id = submit("square");
        Await.completed(api, id, TIMEOUT);

        QueueClient.Reply cancel = api.cancel(id);

        assertEquals(400, cancel.status(), cancel.json().toString());
        assertEquals("ALREADY_COMPLETED", cancel.text("status"));
        assertEquals(200, api.result(id).status());
    }

    @Test
    void cancelOfAnUnknownRequestIsNotFound() {
        QueueClient.Reply cancel = api.cancel(UUID.randomUUID().toString());

        assertEquals(404, cancel.status());
        assertEquals("NOT_FOUND", cancel.text("status"));
    }

    private static void assertCancelled(String id) {
        QueueClient.Reply status = api.status(id);
        assertEquals("COMPLETED", status.text("status"));
        QueueClient.Reply result = api.result(id);
        assertEquals(400, result.status(), result.json().toString());
        assertEquals("Request cancelled", result.text("detail"));
    }

    private static String submit(String imageSize) {
        String input = LifecycleTest.seedExample(Photos.dataUri("image/png", Photos.astronautPng()))
                .put("image_size", imageSize).toString();
        QueueClient.Reply submitted = api.submit(input);
        assertEquals(200, submitted.status(), submitted.json().toString());
        return submitted.text("request_id");
    }
}
