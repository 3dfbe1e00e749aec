package dev.sticker.core.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.wire.Json;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * For receivers: checks a webhook's signature against the published keys ({@code GET /.well-known/jwks.json}) and
 * refuses timestamps more than {@link #DEFAULT_TOLERANCE} away from now, so a captured delivery cannot be replayed
 * later. Needs only the JDK and Jackson.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.fetch(URI.create(api + "/.well-known/jwks.json"), HttpClient.newHttpClient());
 * if (verifier.verify(headers, rawBody, Instant.now()) instanceof WebhookVerifier.Verdict.Valid valid) { ... }
 * }</pre>
 */
public final class WebhookVerifier {

    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(300);
    /** The reason of a signature no published key verifies: the keys may have rotated since they were fetched. */
    public static final String NO_MATCHING_KEY = "signature does not match any published key";
    private static final ObjectMapper JSON = Json.MAPPER;

    private final List<PublicKey> keys;
    private final Duration tolerance;

    public WebhookVerifier(List<PublicKey> keys, Duration tolerance) {
        this.keys = List.copyOf(keys);
        this.tolerance = tolerance;
    }

    /** The outcome of a check; {@code Invalid} says which part failed. */
    public sealed interface Verdict {
        record Valid(String requestId, String userId) implements Verdict {
        }

        record Invalid(String reason) implements Verdict {
        }
    }

    /** The Ed25519 keys of a JWKS document; other key types are skipped. */
    public static WebhookVerifier fromJwks(String jwks) {
        try {
            List<PublicKey> keys = new ArrayList<>();
            for (JsonNode key : JSON.readTree(jwks).path("keys")) {
                if ("OKP".equals(key.path("kty").asText()) && "Ed25519".equals(key.path("crv").asText())) {
                    keys.add(publicKey(Base64.getUrlDecoder().decode(key.path("x").asText())));
                }
            }
            return new WebhookVerifier(keys, DEFAULT_TOLERANCE);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JWKS document: " + e.getMessage(), e);
        }
    }

    /** Downloads the JWKS; receivers should cache the verifier and fetch again when a signature fails. */
    public static WebhookVerifier fetch(URI jwksUrl, HttpClient http) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(jwksUrl).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("JWKS request to " + jwksUrl + " answered HTTP " + response.statusCode());
        }
        return fromJwks(response.body());
    }

    public int keyCount() {
        return keys.size();
    }

    /** @param headers the request's headers, names in any case (single values) */
    public Verdict verify(Map<String, String> headers, byte[] body, Instant now) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        Optional<String> missing = List.of(WebhookSignature.REQUEST_ID, WebhookSignature.USER_ID,
                WebhookSignature.TIMESTAMP, WebhookSignature.SIGNATURE).stream()
                .filter(name -> byName.get(name) == null).findFirst();
        if (missing.isPresent()) {
            return new Verdict.Invalid("missing header " + missing.get());
        }
        String timestamp = byName.get(WebhookSignature.TIMESTAMP);
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return new Verdict.Invalid("timestamp is not a number");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            return new Verdict.Invalid("timestamp is more than " + tolerance.toSeconds() + " s from now");
        }
        byte[] signature;
        try {
            signature = HexFormat.of().parseHex(byName.get(WebhookSignature.SIGNATURE).strip());
        } catch (IllegalArgumentException e) {
            return new Verdict.Invalid("signature is not hex");
        }
        String requestId = byName.get(WebhookSignature.REQUEST_ID);
        String userId = byName.get(WebhookSignature.USER_ID);
        byte[] content = WebhookSignature.signedContent(requestId, userId, timestamp, body);
        for (PublicKey key : keys) {
            if (verifies(key, content, signature)) {
                return new Verdict.Valid(requestId, userId);
            }
        }
        return new Verdict.Invalid(NO_MATCHING_KEY);
    }

    private static boolean verifies(PublicKey key, byte[] content, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(SigningKey.ALGORITHM);
            verifier.initVerify(key);
            verifier.update(content);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** RFC 8032: the raw key is y little-endian, with x's parity in the top bit of the last byte. */
    static PublicKey publicKey(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 key has 32 bytes, got " + raw.length);
        }
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = raw[31 - i];
        }
        boolean xOdd = (bigEndian[0] & 0x80) != 0;
        bigEndian[0] &= 0x7F;
        try {
            return KeyFactory.getInstance(SigningKey.ALGORITHM).generatePublic(
                    new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, new BigInteger(1, bigEndian))));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key", e);
        }
    }
}
