package dev.sticker.core.account;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeySecretsTest {

    @Test
    void generatedKeysAreFalsFormatWithThirtyTwoRandomBytesOfSecret() {
        KeySecrets.Credentials first = KeySecrets.generate();
        KeySecrets.Credentials second = KeySecrets.generate();

        assertTrue(first.keyId().matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"), first.keyId());
        assertTrue(first.secret().matches("[0-9a-f]{64}"), "32 bytes as hex");
        assertEquals(first.keyId() + ":" + first.secret(), first.key());
        assertNotEquals(first.secret(), second.secret());
        assertEquals(Optional.of(first), KeySecrets.parseKey(first.key()));
    }

    @Test
    void onlyTheRightSecretMatchesTheStoredHashWhichIsNotTheSecret() {
        KeySecrets.Credentials key = KeySecrets.generate();
        String hash = KeySecrets.hash(key.secret());

        assertNotEquals(key.secret(), hash);
        assertTrue(KeySecrets.matches(key.secret(), hash));
        assertFalse(KeySecrets.matches(KeySecrets.generate().secret(), hash));
    }

    @Test
    void malformedKeysAreNotKeys() {
        String secret = "ab".repeat(32);
        for (String malformed : new String[]{null, "", "no-colon", "not-a-uuid:" + secret,
                "3f1c9a62-5b7e-4d2a-9c11-0a8e4b6f2d10:short", "3f1c9a62-5b7e-4d2a-9c11-0a8e4b6f2d10:" + secret + "00"}) {
            assertEquals(Optional.empty(), KeySecrets.parseKey(malformed), String.valueOf(malformed));
        }
    }
}
