package dev.sticker.core.aws;

import dev.sticker.core.account.ApiKey;
import dev.sticker.core.account.Scope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamoKeyStoreTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private final DynamoKeyStore keys = LocalAws.keyStore();
    private final String accountId = "acct-" + UUID.randomUUID();

    @Test
    void keyReadsBackFieldForField() {
        ApiKey key = key(accountId, NOW);
        keys.create(key);

        assertEquals(Optional.of(key), keys.find(key.keyId()));
        assertTrue(keys.find(UUID.randomUUID().toString()).isEmpty());
    }

    @Test
    void accountsKeysAreListedOldestFirstAndOnlyTheirs() {
        ApiKey newer = key(accountId, NOW.plusSeconds(5));
        ApiKey older = key(accountId, NOW);
        ApiKey foreign = key("acct-" + UUID.randomUUID(), NOW);
        List.of(newer, older, foreign).forEach(keys::create);

        assertEquals(List.of(older, newer), keys.list(Optional.of(accountId)));
        assertTrue(keys.list(Optional.empty()).containsAll(List.of(older, newer, foreign)));
    }

    @Test
    void revokedOnceAndThenReadAsRevoked() {
        ApiKey key = key(accountId, NOW);
        keys.create(key);

        assertTrue(keys.revoke(key.keyId(), NOW.plusSeconds(1)));
        assertFalse(keys.revoke(key.keyId(), NOW.plusSeconds(2)), "already revoked");
        assertFalse(keys.revoke(UUID.randomUUID().toString(), NOW), "no such key");

        assertEquals(NOW.plusSeconds(1), keys.find(key.keyId()).orElseThrow().revokedAt());
    }

    @Test
    void lastUseIsWrittenAtMostOnceAMinute() {
        ApiKey key = key(accountId, NOW);
        keys.create(key);
        Instant first = NOW.truncatedTo(ChronoUnit.SECONDS);

        keys.touch(key.keyId(), first);
        keys.touch(key.keyId(), first.plusSeconds(30));
        assertEquals(first, keys.find(key.keyId()).orElseThrow().lastUsedAt());

        keys.touch(key.keyId(), first.plusSeconds(61));
        assertEquals(first.plusSeconds(61), keys.find(key.keyId()).orElseThrow().lastUsedAt());
    }

    private static ApiKey key(String accountId, Instant created) {
        return new ApiKey(UUID.randomUUID().toString(), accountId, "web", Scope.API, "hash-" + UUID.randomUUID(),
                created, null, null);
    }
}
