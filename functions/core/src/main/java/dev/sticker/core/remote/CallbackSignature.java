package dev.sticker.core.remote;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Signs and verifies the bodies exchanged with a remote worker (jobs we send, callbacks we receive).
 * Header {@value #HEADER}: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}, the HMAC keyed with the per-deployment
 * secret over the string {@code t + "." + raw body}. A signature is accepted within ±{@code 300} s of now and compared
 * in constant time. See docs/remote-backend.md.
 */
public final class CallbackSignature {

    public static final String HEADER = "X-Sticker-Signature";
    public static final Duration TOLERANCE = Duration.ofSeconds(300);
    private static final String ALGORITHM = "HmacSHA256";

    /** The result of checking a signature header. */
    public enum Check { VALID, MISSING, MALFORMED, STALE, MISMATCH }

    private final byte[] secret;

    public CallbackSignature(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("the callback secret must not be empty");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The header value signing {@code body} at {@code now}. */
    public String header(String body, Instant now) {
        long timestamp = now.getEpochSecond();
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(mac(timestamp, body));
    }

    public Check verify(String header, String body, Instant now) {
        if (header == null || header.isBlank()) {
            return Check.MISSING;
        }
        Long timestamp = null;
        byte[] given = null;
        for (String part : header.split(",")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length != 2) {
                return Check.MALFORMED;
            }
            try {
                if (pair[0].equals("t")) {
                    timestamp = Long.parseLong(pair[1]);
                } else if (pair[0].equals("v1")) {
                    given = HexFormat.of().parseHex(pair[1]);
                }
            } catch (IllegalArgumentException e) {
                return Check.MALFORMED;
            }
        }
        if (timestamp == null || given == null) {
            return Check.MALFORMED;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
            return Check.STALE;
        }
        return MessageDigest.isEqual(mac(timestamp, body), given) ? Check.VALID : Check.MISMATCH;
    }

    private byte[] mac(long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
