package dev.sticker.core.remote;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CallbackSignatureTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final String BODY = "{\"seed\":42,\"images\":{}}";
    private final CallbackSignature signature = new CallbackSignature("deployment-secret");

    @Test
    void ownSignatureVerifies() {
        assertEquals(CallbackSignature.Check.VALID, signature.verify(signature.header(BODY, NOW), BODY, NOW));
    }

    @Test
    void headerIsTimestampAndHexHmacOfTimestampDotBody() {
        // From: printf '%s' '1740830400.{"seed":42,"images":{}}' | openssl dgst -sha256 -hmac deployment-secret
        assertEquals("t=1740830400,v1=b7a16326e76672b6a48028912e33a5007818f8fac6ef4af0b7333312b8447394",
                signature.header(BODY, NOW));
    }

    @Test
    void otherSecretOrChangedBodyIsAMismatch() {
        String header = new CallbackSignature("another-secret").header(BODY, NOW);
        assertEquals(CallbackSignature.Check.MISMATCH, signature.verify(header, BODY, NOW));
        assertEquals(CallbackSignature.Check.MISMATCH,
                signature.verify(signature.header(BODY, NOW), BODY.replace("42", "43"), NOW));
    }

    @Test
    void signaturesOutsideFiveMinutesAreStale() {
        String header = signature.header(BODY, NOW);
        assertEquals(CallbackSignature.Check.VALID, signature.verify(header, BODY, NOW.plusSeconds(300)));
        assertEquals(CallbackSignature.Check.STALE, signature.verify(header, BODY, NOW.plusSeconds(301)));
        assertEquals(CallbackSignature.Check.STALE, signature.verify(header, BODY, NOW.minusSeconds(301)));
    }

    @Test
    void malformedOrMissingHeadersAreRefused() {
        assertEquals(CallbackSignature.Check.MISSING, signature.verify(null, BODY, NOW));
        assertEquals(CallbackSignature.Check.MISSING, signature.verify(" ", BODY, NOW));
        assertEquals(CallbackSignature.Check.MALFORMED, signature.verify("garbage", BODY, NOW));
        assertEquals(CallbackSignature.Check.MALFORMED, signature.verify("t=1740830400", BODY, NOW));
        assertEquals(CallbackSignature.Check.MALFORMED, signature.verify("t=soon,v1=00ff", BODY, NOW));
        assertEquals(CallbackSignature.Check.MALFORMED, signature.verify("t=1740830400,v1=xyz", BODY, NOW));
    }

    @Test
    void emptySecretIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CallbackSignature(" "));
    }
}
