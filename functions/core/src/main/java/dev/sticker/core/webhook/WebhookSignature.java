package dev.sticker.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * fal's webhook signature scheme, shared by the signer and the verifier: Ed25519 over the UTF-8 bytes of
 * {@code request_id + "\n" + user_id + "\n" + timestamp + "\n" + hex(sha256(raw body))}, sent as hex.
 */
public final class WebhookSignature {

    public static final String REQUEST_ID = "X-Fal-Webhook-Request-Id";
    public static final String USER_ID = "X-Fal-Webhook-User-Id";
    public static final String TIMESTAMP = "X-Fal-Webhook-Timestamp";
    public static final String SIGNATURE = "X-Fal-Webhook-Signature";

    private WebhookSignature() {
    }

    /** The bytes that are signed. */
    public static byte[] signedContent(String requestId, String userId, String timestamp, byte[] body) {
        try {
            String bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            return String.join("\n", requestId, userId, timestamp, bodyHash).getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
