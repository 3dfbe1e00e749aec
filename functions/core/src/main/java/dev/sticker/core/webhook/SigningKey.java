package dev.sticker.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * The Ed25519 key that signs webhooks: the private key, its raw 32-byte public key (the JWK {@code x}) and its key
 * id, the RFC 7638 thumbprint of the public JWK. Kept as PKCS#8 PEM, the format {@code openssl genpkey -algorithm
 * ed25519} prints.
 */
public record SigningKey(PrivateKey privateKey, byte[] publicKey, String keyId) {

    public static final String ALGORITHM = "Ed25519";
    /** The X.509 SubjectPublicKeyInfo encoding of an Ed25519 key is this prefix and then the raw 32 bytes. */
    private static final int RAW_KEY_BYTES = 32;
    private static final String PEM_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PEM_END = "-----END PRIVATE KEY-----";

    public SigningKey {
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public static SigningKey generate() {
        try {
            return of(KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** Reads a PKCS#8 PEM Ed25519 private key; the public key is derived from it. */
    public static SigningKey fromPem(String pem) {
        String base64 = pem.replace(PEM_BEGIN, "").replace(PEM_END, "").replaceAll("\\s", "");
        try {
            PrivateKey key = KeyFactory.getInstance(ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            byte[] seed = ((EdECPrivateKey) key).getBytes()
                    .orElseThrow(() -> new IllegalArgumentException("the Ed25519 key has no private bytes"));
            // The JDK has no call that derives a public key; a generator fed the private bytes as its randomness
            // produces exactly that key pair.
            KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
            generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
            return of(generator.generateKeyPair());
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("not a PKCS#8 PEM Ed25519 private key: " + e.getMessage(), e);
        }
    }

    public String toPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(privateKey.getEncoded());
        return PEM_BEGIN + "\n" + body + "\n" + PEM_END + "\n";
    }

    /** The raw 32-byte key inside an Ed25519 public key's X.509 encoding. */
    public static byte[] rawPublicKey(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - RAW_KEY_BYTES, encoded.length);
    }

    /** base64url without padding, as JWKs carry keys. */
    public static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static SigningKey of(KeyPair pair) {
        byte[] raw = rawPublicKey(pair.getPublic());
        return new SigningKey(pair.getPrivate(), raw, thumbprint(raw));
    }

    /** RFC 7638: SHA-256 over the required members in lexicographic order, no whitespace. */
    private static String thumbprint(byte[] raw) {
        String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + base64Url(raw) + "\"}";
        try {
            return base64Url(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** Randomness that is the given bytes, so a key generator reproduces a known private key. */
    private static final class FixedBytes extends SecureRandom {
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            System.arraycopy(bytes, 0, out, 0, Math.min(bytes.length, out.length));
        }
    }
}
