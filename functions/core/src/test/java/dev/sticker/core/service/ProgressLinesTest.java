package dev.sticker.core.service;

import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.aws.LocalAws;
import dev.sticker.core.backend.MutableClock;
import dev.sticker.core.request.LogLine;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.TestBilling;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressLinesTest {

    private static final Instant START = Instant.parse("2026-01-02T03:04:05Z");

    private final DynamoRequestStore store = LocalAws.requestStore();
    private final MutableClock clock = new MutableClock(START);

    @Test
    void theFirstLineIsWrittenAtOnceAndTheNextOnesWaitForTheInterval() {
        String id = created();
        ProgressLines progress = new ProgressLines(store, id, clock);

        progress.info("claimed");
        clock.advance(Duration.ofMillis(100));
        progress.info("decoding image");
        progress.info("detecting face");

        assertEquals(List.of("claimed"), messages(id));

        clock.advance(ProgressLines.WRITE_INTERVAL);
        progress.info("segmenting person");

        assertEquals(List.of("claimed", "decoding image", "detecting face", "segmenting person"), messages(id));
        assertEquals(START.plusMillis(100), store.find(id).orElseThrow().logs().get(1).timestamp());
    }

    @Test
    void flushWritesTheWaitingLinesAndNothingWhenNoneWait() {
        String id = created();
        ProgressLines progress = new ProgressLines(store, id, clock);
        progress.info("claimed");
        progress.log(LogLine.Level.WARN, "the fal backend failed");

        progress.flush();
        progress.flush();

        assertEquals(List.of("claimed", "the fal backend failed"), messages(id));
        assertEquals(LogLine.Level.WARN, store.find(id).orElseThrow().logs().get(1).level());
    }

    @Test
    void linesForARequestTheStoreDoesNotHoldAreDroppedWithoutFailingTheJob() {
        String unknown = UUID.randomUUID().toString();
        ProgressLines progress = new ProgressLines(store, unknown, clock);

        progress.info("claimed");
        progress.flush();

        assertTrue(store.find(unknown).isEmpty());
    }

    private List<String> messages(String id) {
        return store.find(id).orElseThrow().logs().stream().map(LogLine::message).toList();
    }

    private String created() {
        StickerRequest request = new StickerRequest(UUID.randomUUID().toString(), "fal-ai/face-to-sticker",
                Status.IN_QUEUE, TestBilling.ONE_MEGAPIXEL, "{\"image_url\":\"https://example.com/a.png\"}", 1, null,
                null, List.of(), null, 0, 0, false, null, List.of(), START, null, null, null, null,
                START.plusSeconds(86400).getEpochSecond());
        assertTrue(store.create(request));
        return request.id();
    }
}
