package dev.sticker.core.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.account.Account;
import dev.sticker.core.account.ApiKey;
import dev.sticker.core.account.KeySecrets;
import dev.sticker.core.account.LedgerEntry;
import dev.sticker.core.account.Micros;
import dev.sticker.core.account.Pricing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Every JSON shape of the Platform API routes ({@code /v1/...}), in one place: fal's shapes where fal has the route
 * (keys, pricing, estimates, usage, billing), ours for what fal does not publish (accounts, credits, the ledger).
 * Money leaves as USD decimals.
 */
public final class PlatformWire {

    private static final ObjectMapper JSON = Json.MAPPER;

    private PlatformWire() {
    }

    /** A new key, its secret shown this once. */
    public static ApiReply keyCreated(ApiKey key, KeySecrets.Credentials credentials) {
        ObjectNode body = keyBody(key);
        body.put("key_secret", credentials.secret());
        body.put("key", credentials.key());
        return ApiReply.json(201, body.toString());
    }

    public static ApiReply keys(List<ApiKey> keys) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode list = body.putArray("keys");
        keys.forEach(key -> list.add(keyBody(key)));
        body.putNull("next_cursor");
        body.put("has_more", false);
        return ApiReply.json(200, body.toString());
    }

    private static ObjectNode keyBody(ApiKey key) {
        ObjectNode body = JSON.createObjectNode();
        body.put("key_id", key.keyId());
        body.put("alias", key.alias());
        body.put("scope", key.scope().name());
        body.put("account_id", key.accountId());
        body.put("created_at", key.createdAt().toString());
        putTime(body, "last_used_at", key.lastUsedAt());
        putTime(body, "revoked_at", key.revokedAt());
        return body;
    }

    public static ApiReply account(int status, Account account) {
        ObjectNode body = JSON.createObjectNode();
        body.put("account_id", account.id());
        body.put("name", account.name());
        body.put("balance_usd", Micros.toUsd(account.balanceMicros()));
        body.put("reserved_usd", Micros.toUsd(account.reservedMicros()));
        body.put("available_usd", Micros.toUsd(account.availableMicros()));
        body.put("currency", Pricing.CURRENCY);
        body.put("concurrency_limit", account.concurrencyLimit());
        body.put("rate_limit_per_minute", account.rateLimitPerMinute());
        body.put("locked", account.locked() || account.availableMicros() <= 0);
        String reason = account.lockedBecause(1);
        if (reason != null) {
            body.put("lock_reason", reason);
        } else {
            body.putNull("lock_reason");
        }
        body.put("created_at", account.createdAt().toString());
        return ApiReply.json(status, body.toString());
    }

    public static ApiReply ledger(Account account, List<LedgerEntry> entries) {
        ObjectNode body = JSON.createObjectNode();
        body.put("account_id", account.id());
        body.put("balance_usd", Micros.toUsd(account.balanceMicros()));
        ArrayNode lines = body.putArray("entries");
        for (LedgerEntry entry : entries) {
            ObjectNode line = lines.addObject();
            line.put("entry_id", entry.entryId());
            line.put("kind", entry.kind().name());
            line.put("amount_usd", Micros.toUsd(entry.amountMicros()));
            if (entry.releasedMicros() != 0) {
                line.put("released_usd", Micros.toUsd(entry.releasedMicros()));
            }
            line.put("at", entry.at().toString());
            if (entry.requestId() != null) {
                line.put("request_id", entry.requestId());
            }
            if (entry.note() != null) {
                line.put("note", entry.note());
            }
        }
        return ApiReply.json(200, body.toString());
    }

    /** fal's {@code GET /v1/account/billing}: the caller's credit when {@code expand=credits}. */
    public static ApiReply billing(Account account, boolean withCredits) {
        ObjectNode body = JSON.createObjectNode();
        body.put("username", account.name());
        if (withCredits) {
            ObjectNode credits = body.putObject("credits");
            credits.put("current_balance", Micros.toUsd(account.balanceMicros()));
            credits.put("currency", Pricing.CURRENCY);
            credits.put("reserved", Micros.toUsd(account.reservedMicros()));
            credits.put("available", Micros.toUsd(account.availableMicros()));
        }
        return ApiReply.json(200, body.toString());
    }

    /** fal's {@code GET /v1/models/pricing}: this API's one endpoint, priced per output megapixel. */
    public static ApiReply prices(Pricing pricing, boolean listed) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode prices = body.putArray("prices");
        if (listed) {
            prices.addObject()
                    .put("endpoint_id", Pricing.ENDPOINT_ID)
                    .put("unit_price", Micros.toUsd(pricing.unitPriceMicros()))
                    .put("unit", Pricing.UNIT)
                    .put("currency", Pricing.CURRENCY);
        }
        body.putNull("next_cursor");
        body.put("has_more", false);
        return ApiReply.json(200, body.toString());
    }

    /** fal's {@code POST /v1/models/pricing/estimate} answer. */
    public static ApiReply estimate(String estimateType, long totalMicros) {
        return ApiReply.json(200, JSON.createObjectNode().put("estimate_type", estimateType)
                .put("total_cost", Micros.toUsd(totalMicros)).put("currency", Pricing.CURRENCY).toString());
    }

    /** One bucket of fal's usage time series. */
    public record UsageBucket(Instant start, List<UsageLine> results) {
    }

    /** One aggregated line of a usage bucket; {@code authMethod} is the key's alias. */
    public record UsageLine(String endpointId, String unit, BigDecimal quantity, long unitPriceMicros,
                            long costMicros, String authMethod) {
    }

    /** fal's {@code GET /v1/models/usage}: {@code {time_series: [{bucket, results}], next_cursor, has_more}}. */
    public static ApiReply usage(List<UsageBucket> buckets, String nextCursor) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode series = body.putArray("time_series");
        for (UsageBucket bucket : buckets) {
            ObjectNode item = series.addObject();
            item.put("bucket", bucket.start().toString());
            ArrayNode results = item.putArray("results");
            for (UsageLine line : bucket.results()) {
                results.addObject()
                        .put("endpoint_id", line.endpointId())
                        .put("unit", line.unit())
                        .put("quantity", line.quantity())
                        .put("unit_price", Micros.toUsd(line.unitPriceMicros()))
                        .put("cost", Micros.toUsd(line.costMicros()))
                        .put("currency", Pricing.CURRENCY)
                        .put("auth_method", line.authMethod());
            }
        }
        if (nextCursor == null) {
            body.putNull("next_cursor");
        } else {
            body.put("next_cursor", nextCursor);
        }
        body.put("has_more", nextCursor != null);
        return ApiReply.json(200, body.toString());
    }

    private static void putTime(ObjectNode body, String field, Instant at) {
        if (at == null) {
            body.putNull(field);
        } else {
            body.put(field, at.toString());
        }
    }
}
