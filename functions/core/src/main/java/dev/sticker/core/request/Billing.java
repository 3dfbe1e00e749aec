package dev.sticker.core.request;

import java.math.BigDecimal;

/**
 * Who pays for a request and what was held for it at submit: the account, the key used (its alias names the call in
 * usage reports), and the price with the quantity and unit price it was computed from, so the charge is exactly
 * what was quoted whatever the price is by the time the request completes.
 */
public record Billing(String accountId, String keyId, String keyAlias, BigDecimal quantity, long unitPriceMicros,
                      long priceMicros) {
}
