package dev.sticker.core.account;

import dev.sticker.settings.Config;
import dev.sticker.settings.Setting;

import java.util.Map;
import java.util.Optional;

/**
 * What billing and access need from the configuration, typed ({@link Setting} says what each means).
 *
 * @param publishableOrigins browser origins that may call without a key, each with the account it is billed to
 */
public record BillingSettings(String accountsTable, Pricing pricing, String ingestAccount,
                              Map<String, String> publishableOrigins, int publishableRatePerMinute) {

    public BillingSettings {
        publishableOrigins = Map.copyOf(publishableOrigins);
    }

    public static BillingSettings load() {
        return from(Config.system());
    }

    public static BillingSettings from(Config config) {
        return new BillingSettings(config.text(Setting.ACCOUNTS_TABLE),
                new Pricing(Micros.fromUsd(config.nonNegativeDecimal(Setting.UNIT_PRICE_USD))),
                config.text(Setting.INGEST_ACCOUNT), config.pairs(Setting.PUBLISHABLE_ORIGINS),
                (int) config.wholeNumber(Setting.PUBLISHABLE_RATE_PER_MINUTE, 1, 1_000_000));
    }

    /** The account a browser origin's keyless calls are billed to, if the origin may call without a key. */
    public Optional<String> publishableAccount(String origin) {
        return Optional.ofNullable(origin).map(publishableOrigins::get);
    }
}
