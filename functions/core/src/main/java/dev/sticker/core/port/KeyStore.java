package dev.sticker.core.port;

import dev.sticker.core.account.ApiKey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys, by id; their secrets only as hashes. */
public interface KeyStore {

    void create(ApiKey key);

    Optional<ApiKey> find(String keyId);

    /** The keys of one account, or of all accounts, oldest first. */
    List<ApiKey> list(Optional<String> accountId);

    /** Revokes a valid key; false when there is no such key or it was revoked already. */
    boolean revoke(String keyId, Instant now);

    /** Records a use of the key, at most once a minute (a coarse "last used"). */
    void touch(String keyId, Instant now);
}
