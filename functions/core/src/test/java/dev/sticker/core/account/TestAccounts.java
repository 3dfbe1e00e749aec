package dev.sticker.core.account;

import dev.sticker.core.aws.LocalAws;
import dev.sticker.core.port.AccountStore;

import java.time.Clock;
import java.util.UUID;

/** Fresh accounts in the local cloud's accounts table, one per test, so tests never share credit or slots. */
public final class TestAccounts {

    /** Two cents per megapixel, the template's default. */
    public static final Pricing PRICING = new Pricing(20_000);

    private TestAccounts() {
    }

    /** A new account with this credit and concurrency limit, and a caller of it with an API key. */
    public static Caller open(AccountStore accounts, long creditMicros, int concurrencyLimit) {
        Account account = new AccountAdmin(accounts, LocalAws.keyStore(), Clock.systemUTC())
                .open(new AccountAdmin.Opening(null, "test", creditMicros, concurrencyLimit, 100_000))
                .orElseThrow();
        return new Caller(account.id(), "key-" + UUID.randomUUID(), "test", Scope.API);
    }
}
