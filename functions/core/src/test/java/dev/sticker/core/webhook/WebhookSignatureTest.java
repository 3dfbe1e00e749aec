package dev.sticker.core.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.wire.FalWire;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WebhookSignatureTest {

    private static final HexFormat HEX = HexFormat.of();
    /** RFC 8032, section 7.1, test 1: secret key, public key and the signature of the empty message. */
    private static final String RFC_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private static final String RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String RFC_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555"
            + "fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
    /** PKCS#8 wrapping of a raw Ed25519 private key (RFC 8410). */
    private static final String PKCS8_PREFIX = "302e020100300506032b657004220420";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final byte[] BODY = "{\"request_id\":\"r-1\",\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void keyFromPemDerivesTheRfc8032PublicKeyAndSignature() throws Exception {
        SigningKey key = SigningKey.fromPem(pem(RFC_SECRET));

        assertEquals(RFC_PUBLIC, HEX.formatHex(key.publicKey()));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(key.privateKey());
        assertEquals(RFC_SIGNATURE, HEX.formatHex(signature.sign()));
    }

    @Test
    void keyIdIsTheRfc7638Thumbprint() {
        SigningKey key = SigningKey.fromPem(pem(RFC_SECRET));
        // RFC 8037, appendix A.3: the thumbprint of the RFC 8032 test key.
        assertEquals("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k", key.keyId());
    }

    @Test
    void pemRoundTripKeepsTheKey() {
        SigningKey key = SigningKey.generate();

        SigningKey read = SigningKey.fromPem(key.toPem());

        assertArrayEquals(key.publicKey(), read.publicKey());
        assertEquals(key.keyId(), read.keyId());
    }

    @Test
    void garbageIsNotAKey() {
        assertThrows(IllegalArgumentException.class, () -> SigningKey.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n"));
    }

    @Test
    void signedContentIsFalsFourLines() {
        byte[] content = WebhookSignature.signedContent("r-1", "u-9", "1767225600", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals("r-1\nu-9\n1767225600\n44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
                new String(content, StandardCharsets.UTF_8));
    }

    @Test
    void signedHeadersVerifyAgainstThePublishedJwks() {
        SigningKey key = SigningKey.generate();
        Map<String, String> headers = new WebhookSigner(key).headers("r-1", "u-9", NOW, BODY);

        WebhookVerifier verifier = WebhookVerifier.fromJwks(FalWire.jwks(List.of(key)).body());

        assertEquals(Long.toString(NOW.getEpochSecond()), headers.get(WebhookSignature.TIMESTAMP));
        assertEquals(new WebhookVerifier.Verdict.Valid("r-1", "u-9"), verifier.verify(headers, BODY, NOW));
        assertInstanceOf(WebhookVerifier.Verdict.Valid.class, verifier.verify(lowerCase(headers), BODY,
                NOW.plusSeconds(299)), "header names are case-insensitive; 299 s of skew is tolerated");
    }

    @Test
    void tamperedBodyIsRejected() {
        SigningKey key = SigningKey.generate();
        Map<String, String> headers = new WebhookSigner(key).headers("r-1", "u-9", NOW, BODY);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 3] = 'X';

        assertEquals(new WebhookVerifier.Verdict.Invalid("signature does not match any published key"),
                verifier(key).verify(headers, tampered, NOW));
    }

    @Test
    void tamperedHeadersAreRejected() {
        SigningKey key = SigningKey.generate();
        Map<String, String> headers = new HashMap<>(new WebhookSigner(key).headers("r-1", "u-9", NOW, BODY));
        headers.put(WebhookSignature.REQUEST_ID, "r-2");

        assertInstanceOf(WebhookVerifier.Verdict.Invalid.class, verifier(key).verify(headers, BODY, NOW));
    }

    @Test
    void oldOrFutureTimestampIsRejected() {
        SigningKey key = SigningKey.generate();
        Map<String, String> headers = new WebhookSigner(key).headers("r-1", "u-9", NOW, BODY);

        assertEquals(new WebhookVerifier.Verdict.Invalid("timestamp is more than 300 s from now"),
                verifier(key).verify(headers, BODY, NOW.plusSeconds(301)));
        assertInstanceOf(WebhookVerifier.Verdict.Invalid.class, verifier(key).verify(headers, BODY,
                NOW.minusSeconds(301)));
    }

    @Test
    void signatureOfAnotherKeyIsRejected() {
        Map<String, String> headers = new WebhookSigner(SigningKey.generate()).headers("r-1", "u-9", NOW, BODY);

        assertInstanceOf(WebhookVerifier.Verdict.Invalid.class,
                verifier(SigningKey.generate()).verify(headers, BODY, NOW));
    }

    @Test
    void missingHeaderIsNamed() {
        Map<String, String> headers = new HashMap<>(new WebhookSigner(SigningKey.generate())
                .headers("r-1", "u-9", NOW, BODY));
        headers.remove(WebhookSignature.SIGNATURE);

        assertEquals(new WebhookVerifier.Verdict.Invalid("missing header X-Fal-Webhook-Signature"),
                verifier(SigningKey.generate()).verify(headers, BODY, NOW));
    }

    @Test
    void jwksCarriesTheRawPublicKeyAsBase64Url() throws Exception {
        SigningKey key = SigningKey.fromPem(pem(RFC_SECRET));

        var jwk = new ObjectMapper().readTree(FalWire.jwks(List.of(key)).body())
                .get("keys").get(0);

        assertEquals("OKP", jwk.get("kty").textValue());
        assertEquals("Ed25519", jwk.get("crv").textValue());
        assertEquals("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", jwk.get("x").textValue());
        assertEquals(key.keyId(), jwk.get("kid").textValue());
    }

    private static WebhookVerifier verifier(SigningKey key) {
        return WebhookVerifier.fromJwks(FalWire.jwks(List.of(key)).body());
    }

    private static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> lower = new HashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        return lower;
    }

    private static String pem(String rawSecretHex) {
        byte[] der = HEX.parseHex(PKCS8_PREFIX + rawSecretHex);
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getEncoder().encodeToString(der) + "\n-----END PRIVATE KEY-----\n";
    }
}
