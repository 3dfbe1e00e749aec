package dev.sticker.core.account;

import dev.sticker.core.port.AccountStore;
import dev.sticker.core.port.KeyStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;

/**
 * Checks an {@code Authorization: Key <key_id>:<key_secret>} header against the stored keys (or the operator's
 * bootstrap key, which lives in the secret store, not the table) and says who is calling. Denials use fal's wording
 * for an unknown key, and say what is wrong with a malformed header. Never logs a secret.
 */
public final class KeyAuthenticator {

    /** The account the bootstrap admin key acts for. */
    public static final String OPERATOR_ACCOUNT = "operator";
    public static final String UNKNOWN_KEY = "No user found for Key ID and Secret";
    public static final String MISSING = "Missing Authorization header: send 'Authorization: Key <key_id>:<key_secret>'";

    private static final Logger LOG = LoggerFactory.getLogger(KeyAuthenticator.class);
    private static final String PREFIX = KeySecrets.SCHEME + " ";

    private final KeyStore keys;
    private final AccountStore accounts;
    private final Optional<KeySecrets.Credentials> bootstrap;
    private final Clock clock;

    /** @param bootstrap the operator's first admin key, from the secret store, if one is configured */
    public KeyAuthenticator(KeyStore keys, AccountStore accounts, Optional<KeySecrets.Credentials> bootstrap,
                            Clock clock) {
        this.keys = keys;
        this.accounts = accounts;
        this.bootstrap = bootstrap;
        this.clock = clock;
    }

    public Authentication authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new Authentication.Denied(MISSING);
        }
        if (!authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return new Authentication.Denied("Malformed Authorization header: expected 'Key <key_id>:<key_secret>'");
        }
        Optional<KeySecrets.Credentials> given = KeySecrets.parseKey(authorization.substring(PREFIX.length()));
        if (given.isEmpty()) {
            return new Authentication.Denied("Malformed key: expected <key_id>:<key_secret>, a UUID and 64 hex digits");
        }
        KeySecrets.Credentials credentials = given.get();
        if (bootstrap.filter(admin -> admin.keyId().equals(credentials.keyId())).isPresent()) {
            return KeySecrets.matches(credentials.secret(), KeySecrets.hash(bootstrap.get().secret()))
                    ? new Authentication.Authenticated(new Caller(OPERATOR_ACCOUNT, credentials.keyId(), "bootstrap",
                            Scope.ADMIN), Account.DEFAULT_RATE_LIMIT_PER_MINUTE)
                    : denied(credentials, "wrong secret");
        }
        Optional<ApiKey> stored = keys.find(credentials.keyId());
        if (stored.isEmpty()) {
            return denied(credentials, "unknown key");
        }
        ApiKey key = stored.get();
        if (key.revoked()) {
            return denied(credentials, "revoked");
        }
        if (!KeySecrets.matches(credentials.secret(), key.secretHash())) {
            return denied(credentials, "wrong secret");
        }
        Optional<Account> account = accounts.find(key.accountId());
        if (account.isEmpty()) {
            return denied(credentials, "account gone");
        }
        keys.touch(key.keyId(), clock.instant());
        return new Authentication.Authenticated(new Caller(key.accountId(), key.keyId(), key.alias(), key.scope()),
                account.get().rateLimitPerMinute());
    }

    private static Authentication denied(KeySecrets.Credentials credentials, String why) {
        LOG.info("key refused keyId={} reason={}", credentials.keyId(), why);
        return new Authentication.Denied(UNKNOWN_KEY);
    }
}
