package dev.sticker.core.account;

import java.time.Instant;

/**
 * A key as stored: never its secret, only the secret's hash.
 *
 * @param lastUsedAt updated at most once a minute, so it is coarse
 * @param revokedAt  null while the key is valid
 */
public record ApiKey(String keyId, String accountId, String alias, Scope scope, String secretHash, Instant createdAt,
                     Instant lastUsedAt, Instant revokedAt) {

    public boolean revoked() {
        return revokedAt != null;
    }
}
