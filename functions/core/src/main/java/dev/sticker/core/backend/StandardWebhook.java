package dev.sticker.core.backend;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Standard Webhooks signatures (Replicate signs its webhooks this way): headers {@value #ID}, {@value #TIMESTAMP}
 * (unix seconds) and {@value #SIGNATURE} (space-separated {@code v1,<base64>} entries, any one may match), the
 * HMAC-SHA256 of {@code id + "." + timestamp + "." + raw body} keyed with the base64-decoded secret after its
 * {@code whsec_} prefix; compared in constant time; timestamps more than {@link #TOLERANCE} from now refused.
 */
final class StandardWebhook {

    static final String ID = "webhook-id";
    static final String TIMESTAMP = "webhook-timestamp";
    static final String SIGNATURE = "webhook-signature";
    static final Duration TOLERANCE = Duration.ofSeconds(300);
    private static final String PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    /** @param secret {@code whsec_<base64>}, as the provider shows it */
    StandardWebhook(String secret) {
        String encoded = secret.strip();
        if (encoded.startsWith(PREFIX)) {
            encoded = encoded.substring(PREFIX.length());
        }
        try {
            key = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook secret is not whsec_ followed by base64", e);
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
    }

    /** Why a delivery does not verify, or empty when it does. */
    Optional<String> problem(Map<String, String> headers, byte[] body, Instant now) {
        Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        String id = byName.get(ID);
        String timestamp = byName.get(TIMESTAMP);
        String signatures = byName.get(SIGNATURE);
        if (id == null || timestamp == null || signatures == null) {
            return Optional.of("missing header " + (id == null ? ID : timestamp == null ? TIMESTAMP : SIGNATURE));
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return Optional.of("timestamp is not a number");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return Optional.of("timestamp is more than " + TOLERANCE.toSeconds() + " s from now");
        }
        byte[] expected = sign(id, timestamp.strip(), body);
        for (String entry : signatures.strip().split(" +")) {
            String[] versionAndValue = entry.split(",", 2);
            if (versionAndValue.length == 2 && versionAndValue[0].equals("v1")
                    && MessageDigest.isEqual(expected, decode(versionAndValue[1]))) {
                return Optional.empty();
            }
        }
        return Optional.of("no v1 signature matches");
    }

    /** The raw signature of a delivery. */
    private byte[] sign(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException notBase64) {
            return new byte[0];
        }
    }
}
