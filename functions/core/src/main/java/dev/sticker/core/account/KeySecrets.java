package dev.sticker.core.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * fal's key format, {@code key_id:key_secret}, sent as {@code Authorization: Key <key_id>:<key_secret>}. The id is a
 * UUID, shown in lists and logs; the secret is 32 random bytes (64 hex digits), shown once and stored only as its
 * SHA-256. A fast hash is right here, unlike for passwords: a 256-bit random secret cannot be guessed however fast
 * guesses are, so a slow hash would only add latency to every authorization.
 */
public final class KeySecrets {

    public static final String SCHEME = "Key";
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
    private static final Pattern SECRET = Pattern.compile("[0-9a-f]{64}");

    private KeySecrets() {
    }

    /** A key as a caller holds it. */
    public record Credentials(String keyId, String secret) {

        /** {@code key_id:key_secret}, what FAL_KEY holds. */
        public String key() {
            return keyId + ":" + secret;
        }
    }

    /** A new key: a random id and a secret of 32 random bytes. */
    public static Credentials generate() {
        byte[] secret = new byte[32];
        // A generator of its own, made now: one made at init would be in a SnapStart snapshot.
        new SecureRandom().nextBytes(secret);
        return new Credentials(UUID.randomUUID().toString(), HexFormat.of().formatHex(secret));
    }

    /** {@code key_id:key_secret} as given (FAL_KEY, the admin key file), or empty when it is not one. */
    public static Optional<Credentials> parseKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        int colon = key.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String id = key.substring(0, colon).strip();
        String secret = key.substring(colon + 1).strip();
        return KEY_ID.matcher(id).matches() && SECRET.matcher(secret).matches()
                ? Optional.of(new Credentials(id, secret)) : Optional.empty();
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether the secret hashes to the stored hash, compared in constant time. */
    public static boolean matches(String secret, String storedHash) {
        return MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
