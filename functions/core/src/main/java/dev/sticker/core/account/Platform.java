package dev.sticker.core.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sticker.core.input.FieldError;
import dev.sticker.core.port.AccountStore;
import dev.sticker.core.port.KeyStore;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.FalWire;
import dev.sticker.core.wire.Json;
import dev.sticker.core.wire.PlatformWire;
import dev.sticker.core.wire.PlatformWire.UsageBucket;
import dev.sticker.core.wire.PlatformWire.UsageLine;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Platform API ({@code /v1/...}): keys, accounts and their credit for ADMIN keys; pricing, estimates, the
 * caller's billing and usage for any key (usage of other accounts only for ADMIN keys). fal's request and answer
 * shapes where fal has the route. Bad input is a 422 in fal's shape; a key without the scope gets a 403.
 */
public final class Platform {

    private static final int MAX_BUCKETS = 366;
    private static final int DEFAULT_BUCKETS = 31;

    private final AccountAdmin admin;
    private final AccountStore accounts;
    private final KeyStore keys;
    private final Pricing pricing;
    private final Clock clock;

    public Platform(AccountAdmin admin, AccountStore accounts, KeyStore keys, Pricing pricing, Clock clock) {
        this.admin = admin;
        this.accounts = accounts;
        this.keys = keys;
        this.pricing = pricing;
        this.clock = clock;
    }

    /** {@code POST /v1/keys} {@code {"alias", "scope", "account_id"}}: the caller's own account by default. */
    public ApiReply createKey(Caller caller, String body) {
        return asAdmin(caller, () -> withBody(body, json -> {
            List<FieldError> errors = new ArrayList<>();
            String alias = text(json, "alias", "default", 64, errors);
            String scopeName = text(json, "scope", Scope.API.name(), 16, errors).toUpperCase(Locale.ROOT);
            String accountId = text(json, "account_id", caller.accountId(), 64, errors);
            Scope scope = null;
            try {
                scope = Scope.valueOf(scopeName);
            } catch (IllegalArgumentException e) {
                errors.add(FieldError.at("scope", "Input should be 'API' or 'ADMIN'", "enum"));
            }
            if (!errors.isEmpty()) {
                return FalWire.validationFailed(errors);
            }
            return admin.issueKey(accountId, alias, scope)
                    .map(issued -> PlatformWire.keyCreated(issued.key(), issued.credentials()))
                    .orElseGet(() -> FalWire.error(404, "Account not found"));
        }));
    }

    /** {@code GET /v1/keys[?account_id=]}: never the secrets. */
    public ApiReply listKeys(Caller caller, String accountId) {
        return asAdmin(caller, () -> PlatformWire.keys(keys.list(Optional.ofNullable(accountId)
                .filter(id -> !id.isBlank()))));
    }

    /** {@code DELETE /v1/keys/{key_id}}: revoked at once in the table; cached authorizations lapse within their TTL. */
    public ApiReply revokeKey(Caller caller, String keyId) {
        return asAdmin(caller, () -> keys.revoke(keyId, clock.instant()) ? ApiReply.json(204, "")
                : FalWire.error(404, "Key not found"));
    }

    /** {@code POST /v1/accounts} {@code {"name", "credits_usd", "concurrency_limit"?, "rate_limit_per_minute"?}}. */
    public ApiReply createAccount(Caller caller, String body) {
        return asAdmin(caller, () -> withBody(body, json -> {
            List<FieldError> errors = new ArrayList<>();
            String name = text(json, "name", null, 200, errors);
            String id = text(json, "account_id", null, 64, errors);
            if (id != null && !AccountAdmin.ACCOUNT_ID.matcher(id).matches()) {
                errors.add(FieldError.at("account_id", "1 to 64 of a-z, 0-9, _ and -", "value_error"));
            }
            long credit = money(json, "credits_usd", BigDecimal.ZERO, false, errors);
            Integer concurrency = limit(json, "concurrency_limit", 1, 1000, errors);
            Integer rate = limit(json, "rate_limit_per_minute", 1, 1_000_000, errors);
            if (name == null && errors.isEmpty()) {
                errors.add(FieldError.at("name", "Field required", "missing"));
            }
            if (!errors.isEmpty()) {
                return FalWire.validationFailed(errors);
            }
            return admin.open(new AccountAdmin.Opening(id, name, credit, concurrency, rate))
                    .map(account -> PlatformWire.account(201, account))
                    .orElseGet(() -> FalWire.error(409, "An account with this id exists"));
        }));
    }

    /** {@code GET /v1/accounts/{id}}: ADMIN keys any account, other keys their own. */
    public ApiReply account(Caller caller, String accountId) {
        if (!caller.isAdmin() && !caller.accountId().equals(accountId)) {
            return FalWire.error(404, "Account not found");
        }
        return accounts.find(accountId).map(account -> PlatformWire.account(200, account))
                .orElseGet(() -> FalWire.error(404, "Account not found"));
    }

    /** {@code PATCH /v1/accounts/{id}} {@code {"name"?, "concurrency_limit"?, "rate_limit_per_minute"?, "locked"?}}. */
    public ApiReply updateAccount(Caller caller, String accountId, String body) {
        return asAdmin(caller, () -> withBody(body, json -> {
            List<FieldError> errors = new ArrayList<>();
            String name = text(json, "name", null, 200, errors);
            Integer concurrency = limit(json, "concurrency_limit", 1, 1000, errors);
            Integer rate = limit(json, "rate_limit_per_minute", 1, 1_000_000, errors);
            Boolean locked = json.has("locked") && !json.get("locked").isNull() ? json.get("locked").asBoolean() : null;
            if (json.has("locked") && !json.get("locked").isBoolean() && !json.get("locked").isNull()) {
                errors.add(FieldError.at("locked", "Input should be a valid boolean", "bool_type"));
            }
            String reason = text(json, "lock_reason", null, 200, errors);
            if (!errors.isEmpty()) {
                return FalWire.validationFailed(errors);
            }
            return accounts.update(accountId, new AccountStore.AccountChange(name, concurrency, rate, locked, reason))
                    .map(account -> PlatformWire.account(200, account))
                    .orElseGet(() -> FalWire.error(404, "Account not found"));
        }));
    }

    /** {@code POST /v1/accounts/{id}/credits} {@code {"amount_usd", "note"?}}: a negative amount corrects. */
    public ApiReply credit(Caller caller, String accountId, String body) {
        return asAdmin(caller, () -> withBody(body, json -> {
            List<FieldError> errors = new ArrayList<>();
            long amount = money(json, "amount_usd", null, true, errors);
            String note = text(json, "note", null, 200, errors);
            if (!errors.isEmpty()) {
                return FalWire.validationFailed(errors);
            }
            return admin.credit(accountId, amount, note).map(account -> PlatformWire.account(200, account))
                    .orElseGet(() -> FalWire.error(404, "Account not found"));
        }));
    }

    /** {@code GET /v1/accounts/{id}/ledger}: every balance change; ADMIN keys any account, other keys their own. */
    public ApiReply ledger(Caller caller, String accountId) {
        if (!caller.isAdmin() && !caller.accountId().equals(accountId)) {
            return FalWire.error(404, "Account not found");
        }
        if (accounts.find(accountId).isEmpty()) {
            return FalWire.error(404, "Account not found");
        }
        // Read after the ledger, which first writes any line a top-up left unwritten.
        var lines = accounts.ledger(accountId);
        return PlatformWire.ledger(accounts.find(accountId).orElseThrow(), lines);
    }

    /** fal's {@code GET /v1/account/billing[?expand=credits]}: the caller's own account. */
    public ApiReply billing(Caller caller, String expand) {
        boolean credits = expand != null && List.of(expand.split(",")).contains("credits");
        return accounts.find(caller.accountId()).map(account -> PlatformWire.billing(account, credits))
                .orElseGet(() -> FalWire.error(404, "Account not found"));
    }

    /** fal's {@code GET /v1/models/pricing[?endpoint_id=]}. */
    public ApiReply prices(String endpointIds) {
        boolean listed = endpointIds == null || endpointIds.isBlank()
                || List.of(endpointIds.split(",")).contains(Pricing.ENDPOINT_ID);
        return PlatformWire.prices(pricing, listed);
    }

    /**
     * fal's {@code POST /v1/models/pricing/estimate}: {@code unit_price} prices {@code unit_quantity} megapixels;
     * {@code historical_api_price} prices {@code call_quantity} calls at the caller's average charge per call (a
     * 1024 x 1024 sticker when there is no history yet).
     */
    public ApiReply estimate(Caller caller, String body) {
        return withBody(body, json -> {
            String type = json.path("estimate_type").asText("");
            JsonNode endpoints = json.path("endpoints");
            if (!type.equals("unit_price") && !type.equals("historical_api_price")) {
                return FalWire.validationFailed(List.of(FieldError.at("estimate_type",
                        "Input should be 'unit_price' or 'historical_api_price'", "enum")));
            }
            if (!endpoints.isObject()) {
                return FalWire.validationFailed(List.of(FieldError.at("endpoints", "Field required", "missing")));
            }
            long total = 0;
            Iterator<Map.Entry<String, JsonNode>> fields = endpoints.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> endpoint = fields.next();
                if (!endpoint.getKey().equals(Pricing.ENDPOINT_ID)) {
                    return FalWire.error(404, "Unknown endpoint " + endpoint.getKey());
                }
                String field = type.equals("unit_price") ? "unit_quantity" : "call_quantity";
                JsonNode quantity = endpoint.getValue().path(field);
                if (!quantity.isNumber() || quantity.decimalValue().signum() < 0) {
                    return FalWire.validationFailed(List.of(new FieldError(List.of("body", "endpoints",
                            endpoint.getKey(), field), "Input should be a number of at least 0", "number_type")));
                }
                total += type.equals("unit_price") ? pricing.quote(quantity.decimalValue()).costMicros()
                        : averageCharge(caller).multiply(quantity.decimalValue())
                        .setScale(0, RoundingMode.HALF_UP).longValueExact();
            }
            return PlatformWire.estimate(type, total);
        });
    }

    private BigDecimal averageCharge(Caller caller) {
        Instant now = clock.instant();
        var history = accounts.usage(Optional.of(caller.accountId()), now.minus(Duration.ofDays(30)), now);
        if (history.isEmpty()) {
            return BigDecimal.valueOf(pricing.quote(new BigDecimal("1.048576")).costMicros());
        }
        long total = history.stream().mapToLong(UsageRecord::costMicros).sum();
        return BigDecimal.valueOf(total).divide(BigDecimal.valueOf(history.size()), MathContext.DECIMAL64);
    }

    /**
     * fal's {@code GET /v1/models/usage?start=&end=&account_id=&timeframe=&limit=&cursor=}: charged usage in [start,
     * end) summed per bucket (day by default, or hour) and per endpoint, unit, unit price and key alias.
     * API keys see their own account's; ADMIN keys any account's, or all accounts' without {@code account_id}.
     */
    public ApiReply usage(Caller caller, Map<String, String> query) {
        Optional<String> account = Optional.ofNullable(query.get("account_id")).filter(id -> !id.isBlank());
        if (!caller.isAdmin()) {
            if (account.isPresent() && !account.get().equals(caller.accountId())) {
                return FalWire.error(403, "This key may read only its own account's usage");
            }
            account = Optional.of(caller.accountId());
        }
        String timeframe = query.getOrDefault("timeframe", "day");
        ChronoUnit unit = switch (timeframe) {
            case "hour" -> ChronoUnit.HOURS;
            case "day" -> ChronoUnit.DAYS;
            default -> null;
        };
        List<FieldError> errors = new ArrayList<>();
        if (unit == null) {
            errors.add(new FieldError(List.of("query", "timeframe"), "Input should be 'hour' or 'day'", "enum"));
        }
        Instant now = clock.instant();
        Instant end = time(query.get("end"), "end", now, errors);
        Instant start = time(query.get("start"), "start", end.minus(Duration.ofDays(30)), errors);
        Instant from = time(query.get("cursor"), "cursor", start, errors);
        int limit = DEFAULT_BUCKETS;
        try {
            limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : DEFAULT_BUCKETS;
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_BUCKETS) {
            errors.add(new FieldError(List.of("query", "limit"), "Input should be 1 to " + MAX_BUCKETS, "range"));
        }
        if (!errors.isEmpty()) {
            return FalWire.validationFailed(errors);
        }
        TreeMap<Instant, Map<List<Object>, UsageLine>> buckets = new TreeMap<>();
        for (UsageRecord record : accounts.usage(account, from, end)) {
            Instant bucket = record.at().truncatedTo(unit);
            List<Object> group = List.of(record.endpointId(), record.unit(), record.unitPriceMicros(),
                    record.keyAlias());
            buckets.computeIfAbsent(bucket, b -> new LinkedHashMap<>()).merge(group,
                    new UsageLine(record.endpointId(), record.unit(), record.quantity(), record.unitPriceMicros(),
                            record.costMicros(), record.keyAlias()),
                    (a, b) -> new UsageLine(a.endpointId(), a.unit(), a.quantity().add(b.quantity()),
                            a.unitPriceMicros(), a.costMicros() + b.costMicros(), a.authMethod()));
        }
        List<UsageBucket> page = new ArrayList<>();
        String next = null;
        for (Map.Entry<Instant, Map<List<Object>, UsageLine>> bucket : buckets.entrySet()) {
            if (page.size() == limit) {
                next = bucket.getKey().toString();
                break;
            }
            page.add(new UsageBucket(bucket.getKey(), List.copyOf(bucket.getValue().values())));
        }
        return PlatformWire.usage(page, next);
    }

    private static ApiReply asAdmin(Caller caller, Supplier<ApiReply> call) {
        return caller.isAdmin() ? call.get()
                : FalWire.error(403, "This key's scope (" + caller.scope() + ") does not allow this; use an ADMIN key");
    }

    private static ApiReply withBody(String body, Function<JsonNode, ApiReply> call) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            return FalWire.validationFailed(List.of(new FieldError(List.of("body"), "JSON decode error: "
                    + e.getOriginalMessage(), "json_invalid")));
        }
        if (json == null || !json.isObject()) {
            return FalWire.validationFailed(List.of(new FieldError(List.of("body"),
                    "Input should be a valid dictionary or object", "model_attributes_type")));
        }
        return call.apply(json);
    }

    private static String text(JsonNode json, String field, String fallback, int maxLength, List<FieldError> errors) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > maxLength) {
            errors.add(FieldError.at(field, "Input should be a string of 1 to " + maxLength + " characters",
                    "string_type"));
            return fallback;
        }
        return value.textValue().strip();
    }

    private static long money(JsonNode json, String field, BigDecimal fallback, boolean mayBeNegative,
                              List<FieldError> errors) {
        JsonNode value = json.get(field);
        if ((value == null || value.isNull()) && fallback != null) {
            return Micros.fromUsd(fallback);
        }
        if (value == null || value.isNull()) {
            errors.add(FieldError.at(field, "Field required", "missing"));
            return 0;
        }
        if (!value.isNumber() || (!mayBeNegative && value.decimalValue().signum() < 0)
                || value.decimalValue().abs().compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
            errors.add(FieldError.at(field, "Input should be a number of USD" + (mayBeNegative ? "" : " of at least 0")
                    + ", at most 1000000 in size", "number_type"));
            return 0;
        }
        return Micros.fromUsd(value.decimalValue());
    }

    private static Integer limit(JsonNode json, String field, int min, int max, List<FieldError> errors) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < min || value.intValue() > max) {
            errors.add(FieldError.at(field, "Input should be a whole number from " + min + " to " + max, "int_type"));
            return null;
        }
        return value.intValue();
    }

    /** An ISO instant, or a date (its start, UTC), as fal accepts for start and end. */
    private static Instant time(String text, String field, Instant fallback, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(List.of("query", field), "Input should be an ISO 8601 date or time",
                    "datetime_parsing"));
            return fallback;
        }
    }
}
