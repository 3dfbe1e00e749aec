package dev.sticker.core.remote;

import dev.sticker.core.input.InputSchema;
import dev.sticker.core.input.ParsedInput;
import dev.sticker.core.input.StickerInput;
import dev.sticker.core.port.GeneratedSticker;
import dev.sticker.core.remote.RemoteWorkerProtocol.Callback;
import dev.sticker.core.request.Failure;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RemoteWorkerProtocolTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final String BODY = "{\"seed\":42,\"images\":{}}";
    private final RemoteWorkerProtocol protocol = new RemoteWorkerProtocol("deployment-secret");

    @Test
    void ownSignatureVerifies() {
        assertEquals(RemoteWorkerProtocol.Check.VALID, protocol.verify(protocol.sign(BODY, NOW), BODY, NOW));
    }

    @Test
    void headerIsTimestampAndHexHmacOfTimestampDotBody() {
        // From: printf '%s' '1740830400.{"seed":42,"images":{}}' | openssl dgst -sha256 -hmac deployment-secret
        assertEquals("t=1740830400,v1=b7a16326e76672b6a48028912e33a5007818f8fac6ef4af0b7333312b8447394",
                protocol.sign(BODY, NOW));
    }

    @Test
    void otherSecretOrChangedBodyIsAMismatch() {
        String header = new RemoteWorkerProtocol("another-secret").sign(BODY, NOW);
        assertEquals(RemoteWorkerProtocol.Check.MISMATCH, protocol.verify(header, BODY, NOW));
        assertEquals(RemoteWorkerProtocol.Check.MISMATCH,
                protocol.verify(protocol.sign(BODY, NOW), BODY.replace("42", "43"), NOW));
    }

    @Test
    void signaturesOutsideFiveMinutesAreStale() {
        String header = protocol.sign(BODY, NOW);
        assertEquals(RemoteWorkerProtocol.Check.VALID, protocol.verify(header, BODY, NOW.plusSeconds(300)));
        assertEquals(RemoteWorkerProtocol.Check.STALE, protocol.verify(header, BODY, NOW.plusSeconds(301)));
        assertEquals(RemoteWorkerProtocol.Check.STALE, protocol.verify(header, BODY, NOW.minusSeconds(301)));
    }

    @Test
    void malformedOrMissingHeadersAreRefused() {
        assertEquals(RemoteWorkerProtocol.Check.MISSING, protocol.verify(null, BODY, NOW));
        assertEquals(RemoteWorkerProtocol.Check.MISSING, protocol.verify(" ", BODY, NOW));
        assertEquals(RemoteWorkerProtocol.Check.MALFORMED, protocol.verify("garbage", BODY, NOW));
        assertEquals(RemoteWorkerProtocol.Check.MALFORMED, protocol.verify("t=1740830400", BODY, NOW));
        assertEquals(RemoteWorkerProtocol.Check.MALFORMED, protocol.verify("t=soon,v1=00ff", BODY, NOW));
        assertEquals(RemoteWorkerProtocol.Check.MALFORMED, protocol.verify("t=1740830400,v1=xyz", BODY, NOW));
    }

    @Test
    void emptySecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RemoteWorkerProtocol(" "));
    }

    @Test
    void aJobReadsBackAsItWasWritten() {
        StickerInput input = ((ParsedInput.Valid) InputSchema.parse(
                "{\"image_url\": \"https://example.com/a.jpg\", \"prompt\": \"a cat\", \"seed\": 7}")).input();
        RemoteWorkerProtocol.Job job = new RemoteWorkerProtocol.Job("req-1", input,
                "https://api.example.com/webhooks/http/req-1");

        assertEquals(Optional.of(job), RemoteWorkerProtocol.job(RemoteWorkerProtocol.jobJson(job)));
        assertEquals(Optional.empty(), RemoteWorkerProtocol.job("{\"request_id\": \"req-1\", \"input\": {}}"));
        assertEquals(Optional.empty(), RemoteWorkerProtocol.job("not json"));
    }

    @Test
    void aResultCallbackCarriesBothImagesInlineWithSeedAndFlags() {
        GeneratedSticker sticker = new GeneratedSticker(new byte[]{1, 2}, new byte[]{3}, 8, 8, 99, true, false);

        Callback callback = RemoteWorkerProtocol.callback(RemoteWorkerProtocol.resultJson(sticker));

        Callback.Result result = assertInstanceOf(Callback.Result.class, callback);
        assertArrayEquals(new byte[]{1, 2}, result.sticker().data());
        assertArrayEquals(new byte[]{3}, result.backgroundRemoved().data());
        assertEquals(99, result.seed());
        assertTrue(result.stickerNsfw());
        assertFalse(result.backgroundRemovedNsfw());
    }

    @Test
    void imagesMayComeByUrl() {
        Callback callback = RemoteWorkerProtocol.callback("{\"images\": {\"sticker_image\": "
                + "{\"url\": \"https://w/1.png\"}, \"sticker_image_background_removed\": {\"url\": "
                + "\"https://w/2.png\"}}, \"seed\": 1}");

        Callback.Result result = assertInstanceOf(Callback.Result.class, callback);
        assertEquals("https://w/1.png", result.sticker().url());
        assertEquals("https://w/2.png", result.backgroundRemoved().url());
    }

    @Test
    void anErrorOf422IsTheInputsFaultAndAnyOtherTheWorkers() {
        Callback noFace = RemoteWorkerProtocol.callback(
                RemoteWorkerProtocol.errorJson(422, "value_error.no_face", "no face"));
        Callback crashed = RemoteWorkerProtocol.callback(RemoteWorkerProtocol.errorJson(500, "oom", "out of memory"));

        assertEquals(Failure.invalidInput("image_url", "value_error.no_face", "no face"),
                assertInstanceOf(Callback.Error.class, noFace).failure());
        assertEquals(Failure.internal("out of memory"), assertInstanceOf(Callback.Error.class, crashed).failure());
    }

    @Test
    void bodiesOutsideTheProtocolAreUnreadable() {
        assertInstanceOf(Callback.Unreadable.class, RemoteWorkerProtocol.callback("[1]"));
        assertInstanceOf(Callback.Unreadable.class, RemoteWorkerProtocol.callback("{\"images\": {}, \"seed\": 1}"));
        assertInstanceOf(Callback.Unreadable.class, RemoteWorkerProtocol.callback(
                "{\"images\": {\"sticker_image\": {\"data\": \"!!\"}, \"sticker_image_background_removed\":"
                        + " {\"data\": \"AA==\"}}, \"seed\": 1}"));
        assertInstanceOf(Callback.Unreadable.class, RemoteWorkerProtocol.callback(
                "{\"images\": {\"sticker_image\": {\"data\": \"AA==\"}, \"sticker_image_background_removed\":"
                        + " {\"data\": \"AA==\"}}, \"seed\": \"soon\"}"));
    }
}
