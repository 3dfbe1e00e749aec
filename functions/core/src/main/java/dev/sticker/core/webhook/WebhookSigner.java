package dev.sticker.core.webhook;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signs a webhook body the way fal does; the headers it returns go on the POST as they are. */
public final class WebhookSigner {

    private final SigningKey key;

    public WebhookSigner(SigningKey key) {
        this.key = key;
    }

    public SigningKey key() {
        return key;
    }

    /** @param userId the request's owner */
    public Map<String, String> headers(String requestId, String userId, Instant now, byte[] body) {
        String timestamp = Long.toString(now.getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WebhookSignature.REQUEST_ID, requestId);
        headers.put(WebhookSignature.USER_ID, userId);
        headers.put(WebhookSignature.TIMESTAMP, timestamp);
        headers.put(WebhookSignature.SIGNATURE,
                HexFormat.of().formatHex(sign(WebhookSignature.signedContent(requestId, userId, timestamp, body))));
        return headers;
    }

    private byte[] sign(byte[] content) {
        try {
            Signature signature = Signature.getInstance(SigningKey.ALGORITHM);
            signature.initSign(key.privateKey());
            signature.update(content);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the webhook key", e);
        }
    }
}
