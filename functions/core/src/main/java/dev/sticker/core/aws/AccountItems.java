package dev.sticker.core.aws;

import dev.sticker.core.account.Account;
import dev.sticker.core.account.ApiKey;
import dev.sticker.core.account.LedgerEntry;
import dev.sticker.core.account.Scope;
import dev.sticker.core.account.UsageRecord;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * How accounts, keys, ledger lines, usage records and rate windows are laid out in the accounts table (partition key
 * {@code pk}, sort key {@code sk}). An account and its ledger and usage share one partition, so each is one query.
 * Times inside sort keys are fixed-width, so they sort as they happened.
 *
 * <pre>
 *   ACCOUNT#{id}  ACCOUNT                          the account: credit, limits, holds, running slots
 *   ACCOUNT#{id}  LEDGER#{entry id}                one ledger line (request/{id}: one per request)
 *   ACCOUNT#{id}  USAGE#{time}#{request id}        one usage record
 *   KEY#{id}      KEY                              a key (index keys_by_account: key_account, created_at)
 *   RATE#{who}    {epoch minute}                   a rate window, expiring on its own (TTL expires_at)
 *   BACKEND#{name} CIRCUIT                         a backend's circuit breaker (DynamoCircuitBreaker)
 * </pre>
 */
final class AccountItems {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String ACCOUNT_SK = "ACCOUNT";
    static final String KEY_SK = "KEY";
    static final String LEDGER_PREFIX = "LEDGER#";
    static final String USAGE_PREFIX = "USAGE#";
    static final String KEYS_BY_ACCOUNT = "keys_by_account";

    static final String ACCOUNT_ID = "account_id";
    static final String NAME = "name";
    static final String BALANCE = "balance";
    static final String RESERVED = "reserved";
    static final String AVAILABLE = "available";
    static final String CONCURRENCY_LIMIT = "concurrency_limit";
    static final String RATE_LIMIT = "rate_limit_per_minute";
    static final String LOCKED = "locked";
    static final String LOCK_REASON = "lock_reason";
    static final String CREATED_AT = "created_at";
    static final String SUBMITTED = "submitted";
    static final String STARTED = "started";
    static final String HOLDS = "holds";
    static final String RUNNING = "running";
    static final String PENDING_CREDITS = "pending_credits";

    static final String KEY_ID = "key_id";
    static final String KEY_ACCOUNT = "key_account";
    static final String ALIAS = "alias";
    static final String SCOPE = "scope";
    static final String SECRET_HASH = "secret_hash";
    static final String LAST_USED_AT = "last_used_at";
    static final String REVOKED_AT = "revoked_at";

    static final String EXPIRES_AT = "expires_at";

    private static final DateTimeFormatter SORTABLE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private AccountItems() {
    }

    static Map<String, AttributeValue> accountKey(String accountId) {
        return Map.of(PK, s("ACCOUNT#" + accountId), SK, s(ACCOUNT_SK));
    }

    static Map<String, AttributeValue> keyKey(String keyId) {
        return Map.of(PK, s("KEY#" + keyId), SK, s(KEY_SK));
    }

    static String accountPartition(String accountId) {
        return "ACCOUNT#" + accountId;
    }

    /** A time as it sorts: fixed width, millisecond precision, UTC. */
    static String sortable(Instant at) {
        return SORTABLE.format(at);
    }

    /** By entry id alone, so that a request's one charge or release has one place; listings sort by time. */
    static String ledgerSortKey(LedgerEntry entry) {
        return LEDGER_PREFIX + entry.entryId();
    }

    static String usageSortKey(Instant at, String requestId) {
        return USAGE_PREFIX + sortable(at) + "#" + requestId;
    }

    static Map<String, AttributeValue> toItem(Account account) {
        Map<String, AttributeValue> item = new HashMap<>(accountKey(account.id()));
        item.put(ACCOUNT_ID, s(account.id()));
        item.put(NAME, s(account.name()));
        item.put(BALANCE, n(account.balanceMicros()));
        item.put(RESERVED, n(account.reservedMicros()));
        // Kept in step with balance and reserved by every write: a condition cannot subtract.
        item.put(AVAILABLE, n(account.availableMicros()));
        item.put(CONCURRENCY_LIMIT, n(account.concurrencyLimit()));
        item.put(RATE_LIMIT, n(account.rateLimitPerMinute()));
        item.put(LOCKED, AttributeValue.fromBool(account.locked()));
        if (account.lockReason() != null) {
            item.put(LOCK_REASON, s(account.lockReason()));
        }
        item.put(CREATED_AT, s(account.createdAt().toString()));
        item.put(SUBMITTED, n(account.submitted()));
        item.put(STARTED, n(account.started()));
        item.put(HOLDS, AttributeValue.fromM(Map.of()));
        item.put(RUNNING, AttributeValue.fromM(Map.of()));
        item.put(PENDING_CREDITS, AttributeValue.fromM(Map.of()));
        return item;
    }

    static Account account(Map<String, AttributeValue> item) {
        return new Account(string(item, ACCOUNT_ID), string(item, NAME), number(item, BALANCE),
                number(item, RESERVED), (int) number(item, CONCURRENCY_LIMIT), (int) number(item, RATE_LIMIT),
                item.containsKey(LOCKED) && Boolean.TRUE.equals(item.get(LOCKED).bool()), string(item, LOCK_REASON),
                Instant.parse(string(item, CREATED_AT)), number(item, SUBMITTED), number(item, STARTED));
    }

    static Map<String, AttributeValue> toItem(ApiKey key) {
        Map<String, AttributeValue> item = new HashMap<>(keyKey(key.keyId()));
        item.put(KEY_ID, s(key.keyId()));
        item.put(KEY_ACCOUNT, s(key.accountId()));
        item.put(ALIAS, s(key.alias()));
        item.put(SCOPE, s(key.scope().name()));
        item.put(SECRET_HASH, s(key.secretHash()));
        item.put(CREATED_AT, s(sortable(key.createdAt())));
        if (key.lastUsedAt() != null) {
            item.put(LAST_USED_AT, n(key.lastUsedAt().getEpochSecond()));
        }
        if (key.revokedAt() != null) {
            item.put(REVOKED_AT, s(key.revokedAt().toString()));
        }
        return item;
    }

    static ApiKey key(Map<String, AttributeValue> item) {
        return new ApiKey(string(item, KEY_ID), string(item, KEY_ACCOUNT), string(item, ALIAS),
                Scope.valueOf(string(item, SCOPE)), string(item, SECRET_HASH), Instant.parse(string(item, CREATED_AT)),
                item.containsKey(LAST_USED_AT) ? Instant.ofEpochSecond(number(item, LAST_USED_AT)) : null,
                item.containsKey(REVOKED_AT) ? Instant.parse(string(item, REVOKED_AT)) : null);
    }

    static Map<String, AttributeValue> toItem(String accountId, LedgerEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(accountPartition(accountId)));
        item.put(SK, s(ledgerSortKey(entry)));
        item.put("entry_id", s(entry.entryId()));
        item.put("kind", s(entry.kind().name()));
        item.put("amount", n(entry.amountMicros()));
        item.put("released", n(entry.releasedMicros()));
        item.put("at", s(entry.at().toString()));
        if (entry.requestId() != null) {
            item.put("request_id", s(entry.requestId()));
        }
        if (entry.note() != null) {
            item.put("note", s(entry.note()));
        }
        return item;
    }

    static LedgerEntry ledgerEntry(Map<String, AttributeValue> item) {
        return new LedgerEntry(string(item, "entry_id"), LedgerEntry.Kind.valueOf(string(item, "kind")),
                number(item, "amount"), number(item, "released"), Instant.parse(string(item, "at")),
                string(item, "request_id"), string(item, "note"));
    }

    static Map<String, AttributeValue> toItem(UsageRecord usage) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(accountPartition(usage.accountId())));
        item.put(SK, s(usageSortKey(usage.at(), usage.requestId())));
        item.put(ACCOUNT_ID, s(usage.accountId()));
        item.put("request_id", s(usage.requestId()));
        item.put(KEY_ID, s(usage.keyId()));
        item.put(ALIAS, s(usage.keyAlias()));
        item.put("endpoint_id", s(usage.endpointId()));
        item.put("unit", s(usage.unit()));
        item.put("quantity", AttributeValue.fromN(usage.quantity().toPlainString()));
        item.put("unit_price", n(usage.unitPriceMicros()));
        item.put("cost", n(usage.costMicros()));
        item.put("at", s(usage.at().toString()));
        item.put("backend", s(usage.backend()));
        return item;
    }

    static UsageRecord usage(Map<String, AttributeValue> item) {
        return new UsageRecord(string(item, ACCOUNT_ID), string(item, "request_id"), string(item, KEY_ID),
                string(item, ALIAS), string(item, "endpoint_id"), string(item, "unit"),
                new BigDecimal(item.get("quantity").n()), number(item, "unit_price"), number(item, "cost"),
                Instant.parse(string(item, "at")), string(item, "backend"));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}
