package dev.sticker.core.account;

import java.math.BigDecimal;
import java.time.Instant;

/** What one charged request cost: written once, with its charge. */
public record UsageRecord(String accountId, String requestId, String keyId, String keyAlias, String endpointId,
                          String unit, BigDecimal quantity, long unitPriceMicros, long costMicros, Instant at,
                          String backend) {
}
