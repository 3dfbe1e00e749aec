package dev.sticker.core.aws;

import dev.sticker.core.request.LogLine;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.TestBilling;
import dev.sticker.core.webhook.WebhookAttempt;
import dev.sticker.core.webhook.WebhookLog;
import dev.sticker.core.webhook.WebhookState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamoRequestStoreTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private final DynamoRequestStore store = LocalAws.requestStore();

    @Test
    void createdRequestReadsBackFieldForField() {
        StickerRequest request = queued();
        assertTrue(store.create(request));

        StickerRequest stored = store.find(request.id()).orElseThrow();

        assertEquals(request, stored);
    }

    @Test
    void createTakesOnlyARequestInTheStatusANewOneStartsIn() {
        StickerRequest running = new StickerRequest(UUID.randomUUID().toString(), "fal-ai/face-to-sticker",
                Status.IN_PROGRESS, TestBilling.ONE_MEGAPIXEL, "{}", 1, null, null, List.of(), null, 1, 0, false, null, List.of(),
                NOW, null, NOW, null, null, 0);

        assertThrows(IllegalArgumentException.class, () -> store.create(running));
        assertTrue(store.find(running.id()).isEmpty());
    }

    @Test
    void findOfAnUnknownIdIsEmpty() {
        assertTrue(store.find(UUID.randomUUID().toString()).isEmpty());
    }

    @Test
    void logsAppendInOrder() {
        StickerRequest request = created();

        store.appendLogs(request.id(), List.of(LogLine.info("fetching input", NOW)));
        store.appendLogs(request.id(), List.of(LogLine.info("detecting face", NOW.plusSeconds(1)),
                LogLine.info("segmenting person", NOW.plusSeconds(2))));

        assertEquals(List.of(LogLine.info("fetching input", NOW), LogLine.info("detecting face", NOW.plusSeconds(1)),
                LogLine.info("segmenting person", NOW.plusSeconds(2))), store.find(request.id()).orElseThrow().logs());
    }

    @Test
    void logsKeepOnlyTheMostRecentLines() {
        StickerRequest request = created();
        int written = DynamoRequestStore.LOG_CAPACITY + 5;

        IntStream.range(0, written)
                .forEach(i -> store.appendLogs(request.id(), List.of(LogLine.info("line " + i, NOW))));

        List<LogLine> logs = store.find(request.id()).orElseThrow().logs();
        assertEquals(DynamoRequestStore.LOG_CAPACITY, logs.size());
        assertEquals("line 5", logs.get(0).message());
        assertEquals("line " + (written - 1), logs.get(logs.size() - 1).message());
    }

    @Test
    void linesThatOverflowTheLogTogetherPushOutTheOldestOnes() {
        StickerRequest request = created();
        store.appendLogs(request.id(), IntStream.range(0, DynamoRequestStore.LOG_CAPACITY - 2)
                .mapToObj(i -> LogLine.info("old " + i, NOW)).toList());

        store.appendLogs(request.id(), IntStream.range(0, 5).mapToObj(i -> LogLine.info("new " + i, NOW)).toList());

        List<LogLine> logs = store.find(request.id()).orElseThrow().logs();
        assertEquals(DynamoRequestStore.LOG_CAPACITY, logs.size());
        assertEquals("old 3", logs.get(0).message());
        assertEquals("new 4", logs.get(logs.size() - 1).message());
    }

    @Test
    void logLineForAnUnknownRequestDoesNotCreateOne() {
        String id = UUID.randomUUID().toString();

        store.appendLogs(id, List.of(LogLine.info("orphan", NOW)));

        assertTrue(store.find(id).isEmpty());
    }

    @Test
    void webhookIsMarkedQueuedOnlyOnce() {
        StickerRequest request = created();
        assertTrue(store.webhookLog(request.id()).isEmpty());

        assertTrue(store.markWebhookQueued(request.id()));
        assertFalse(store.markWebhookQueued(request.id()), "a second mark must be refused");

        assertEquals(new WebhookLog(WebhookState.QUEUED, List.of()), store.webhookLog(request.id()).orElseThrow());
        assertFalse(store.markWebhookQueued(UUID.randomUUID().toString()), "unknown requests are not created");
    }

    @Test
    void webhookAttemptsAreRecordedInOrderAndEachOnlyOnce() {
        StickerRequest request = created();
        store.markWebhookQueued(request.id());
        WebhookAttempt first = new WebhookAttempt(1, NOW, 503, "receiver answered HTTP 503", 41);
        WebhookAttempt second = new WebhookAttempt(2, NOW.plusSeconds(15), 204, null, 12);

        assertFalse(store.recordWebhookAttempt(request.id(), second, WebhookState.DELIVERED), "attempt 1 comes first");
        assertTrue(store.recordWebhookAttempt(request.id(), first, WebhookState.QUEUED));
        assertFalse(store.recordWebhookAttempt(request.id(), first, WebhookState.QUEUED), "a duplicate is refused");
        assertTrue(store.recordWebhookAttempt(request.id(), second, WebhookState.DELIVERED));

        assertEquals(new WebhookLog(WebhookState.DELIVERED, List.of(first, second)),
                store.webhookLog(request.id()).orElseThrow());
        assertEquals(request, store.find(request.id()).orElseThrow(), "the request itself is untouched");
    }

    @Test
    void webhookAttemptIsNotRecordedForAnUnknownRequest() {
        String id = UUID.randomUUID().toString();

        assertFalse(store.recordWebhookAttempt(id, new WebhookAttempt(1, NOW, 0, "no answer", 15_000),
                WebhookState.QUEUED));
        assertTrue(store.find(id).isEmpty());
    }

    private StickerRequest created() {
        StickerRequest request = queued();
        assertTrue(store.create(request));
        return request;
    }

    private static StickerRequest queued() {
        Instant created = NOW.truncatedTo(ChronoUnit.SECONDS);
        return new StickerRequest(UUID.randomUUID().toString(), "fal-ai/face-to-sticker", Status.IN_QUEUE,
                TestBilling.ONE_MEGAPIXEL,
                "{\"image_url\":\"https://example.com/a.png\",\"prompt\":\"a person\"}", 7, null, null, List.of(),
                "https://example.com/hook", 0, 0, false, null, List.of(), created, null, null, null, null,
                created.plusSeconds(7 * 86400).getEpochSecond());
    }
}
