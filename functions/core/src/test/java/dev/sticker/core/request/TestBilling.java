package dev.sticker.core.request;

import java.math.BigDecimal;

/** Billing for requests that tests store directly: one megapixel at two cents, held for account {@code acct-test}. */
public final class TestBilling {

    public static final Billing ONE_MEGAPIXEL =
            new Billing("acct-test", "key-test", "test", BigDecimal.ONE, 20_000, 20_000);

    private TestBilling() {
    }
}
