package dev.sticker.core.account;

import dev.sticker.core.port.AccountStore;
import dev.sticker.core.port.KeyStore;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** Opening accounts, adding credit and issuing keys: what the admin routes, the CLI and the local cloud do. */
public final class AccountAdmin {

    /** Account ids: short, lower-case, safe in object keys and URLs. */
    public static final Pattern ACCOUNT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

    private final AccountStore accounts;
    private final KeyStore keys;
    private final Clock clock;

    public AccountAdmin(AccountStore accounts, KeyStore keys, Clock clock) {
        this.accounts = accounts;
        this.keys = keys;
        this.clock = clock;
    }

    /** An account to open; null limits take the defaults, a null id a fresh one. */
    public record Opening(String accountId, String name, long creditMicros, Integer concurrencyLimit,
                          Integer rateLimitPerMinute) {
    }

    /** Opens the account with its first credit (a top-up line in its ledger); empty when the id is taken. */
    public Optional<Account> open(Opening opening) {
        String id = opening.accountId() != null ? opening.accountId() : newAccountId();
        if (!ACCOUNT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("account ids are 1 to 64 of a-z, 0-9, _ and -, got " + id);
        }
        Instant now = clock.instant();
        Account account = new Account(id, opening.name(), 0, 0,
                opening.concurrencyLimit() != null ? opening.concurrencyLimit() : Account.DEFAULT_CONCURRENCY_LIMIT,
                opening.rateLimitPerMinute() != null ? opening.rateLimitPerMinute()
                        : Account.DEFAULT_RATE_LIMIT_PER_MINUTE, false, null, now, 0, 0);
        if (!accounts.create(account)) {
            return Optional.empty();
        }
        if (opening.creditMicros() == 0) {
            return Optional.of(account);
        }
        return Optional.of(accounts.credit(id, opening.creditMicros(), LedgerEntry.Kind.TOPUP, "opening credit", now));
    }

    /** Adds credit (a negative amount is a correction); empty for an unknown account. */
    public Optional<Account> credit(String accountId, long amountMicros, String note) {
        if (accounts.find(accountId).isEmpty()) {
            return Optional.empty();
        }
        LedgerEntry.Kind kind = amountMicros < 0 ? LedgerEntry.Kind.CORRECTION : LedgerEntry.Kind.TOPUP;
        return Optional.of(accounts.credit(accountId, amountMicros, kind, note, clock.instant()));
    }

    /** A new key for the account, its secret returned this once; empty for an unknown account. */
    public Optional<Issued> issueKey(String accountId, String alias, Scope scope) {
        if (accounts.find(accountId).isEmpty()) {
            return Optional.empty();
        }
        KeySecrets.Credentials credentials = KeySecrets.generate();
        ApiKey key = new ApiKey(credentials.keyId(), accountId, alias, scope, KeySecrets.hash(credentials.secret()),
                clock.instant(), null, null);
        keys.create(key);
        return Optional.of(new Issued(key, credentials));
    }

    /** A key as stored and the credentials to hand its owner. */
    public record Issued(ApiKey key, KeySecrets.Credentials credentials) {
    }

    private static String newAccountId() {
        byte[] random = new byte[10];
        new SecureRandom().nextBytes(random);
        return "acct_" + HexFormat.of().formatHex(random);
    }
}
