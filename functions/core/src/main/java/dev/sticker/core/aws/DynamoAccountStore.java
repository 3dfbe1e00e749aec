package dev.sticker.core.aws;

import dev.sticker.core.account.Account;
import dev.sticker.core.account.LedgerEntry;
import dev.sticker.core.account.UsageRecord;
import dev.sticker.core.port.AccountStore;
import dev.sticker.core.request.QueueTicket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import static dev.sticker.core.aws.AccountItems.AVAILABLE;
import static dev.sticker.core.aws.AccountItems.BALANCE;
import static dev.sticker.core.aws.AccountItems.CONCURRENCY_LIMIT;
import static dev.sticker.core.aws.AccountItems.HOLDS;
import static dev.sticker.core.aws.AccountItems.LOCKED;
import static dev.sticker.core.aws.AccountItems.LOCK_REASON;
import static dev.sticker.core.aws.AccountItems.NAME;
import static dev.sticker.core.aws.AccountItems.PENDING_CREDITS;
import static dev.sticker.core.aws.AccountItems.PK;
import static dev.sticker.core.aws.AccountItems.RATE_LIMIT;
import static dev.sticker.core.aws.AccountItems.RESERVED;
import static dev.sticker.core.aws.AccountItems.RUNNING;
import static dev.sticker.core.aws.AccountItems.SK;
import static dev.sticker.core.aws.AccountItems.STARTED;
import static dev.sticker.core.aws.AccountItems.SUBMITTED;
import static dev.sticker.core.aws.AccountItems.n;
import static dev.sticker.core.aws.AccountItems.s;

/**
 * Accounts in the accounts table ({@link AccountItems}). No transactions: each step is one conditional write that
 * names the request or ledger entry it is for, so a step run twice changes nothing the second time, and a sequence
 * interrupted half-way is finished by running it again. The holds live in the account item, bounded by
 * {@link #MAX_OPEN_REQUESTS}. Money moves only with the write that removes a request's hold
 * (holds live in the account item, so the two cannot part), and a top-up is noted on the account item in the same
 * write that adds the credit, until its ledger line is written.
 */
public final class DynamoAccountStore implements AccountStore {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoAccountStore.class);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoAccountStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean create(Account account) {
        try {
            dynamo.putItem(put -> put.tableName(table).item(AccountItems.toItem(account))
                    .conditionExpression("attribute_not_exists(" + PK + ")"));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public Optional<Account> find(String accountId) {
        return item(accountId).map(AccountItems::account);
    }

    @Override
    public Reservation reserve(String accountId, String requestId, long priceMicros) {
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(update(accountId)
                    .updateExpression("SET #available = #available - :price, #reserved = #reserved + :price, "
                            + "#holds.#request = :price ADD #submitted :one")
                    .conditionExpression("attribute_exists(#pk) AND #locked = :false AND #available >= :price "
                            + "AND attribute_not_exists(#holds.#request) AND size(#holds) < :maxHolds")
                    .expressionAttributeNames(names("#available", AVAILABLE, "#reserved", RESERVED, "#holds", HOLDS,
                            "#request", requestId, "#submitted", SUBMITTED, "#pk", PK, "#locked", LOCKED))
                    .expressionAttributeValues(Map.of(":price", n(priceMicros), ":one", n(1),
                            ":false", AttributeValue.fromBool(false), ":maxHolds", n(MAX_OPEN_REQUESTS)))
                    .returnValues(ReturnValue.ALL_NEW).build()).attributes();
            Account account = AccountItems.account(after);
            return new Reservation.Held(new QueueTicket(account.submitted(), account.started()), true);
        } catch (ConditionalCheckFailedException refused) {
            return refusal(accountId, requestId, priceMicros);
        }
    }

    /** Why the conditional reservation was refused, from the account as it is now. */
    private Reservation refusal(String accountId, String requestId, long priceMicros) {
        Optional<Map<String, AttributeValue>> item = item(accountId);
        if (item.isEmpty()) {
            return new Reservation.Refused(Refusal.UNKNOWN_ACCOUNT, "Unknown account");
        }
        Map<String, AttributeValue> holds = item.get().get(HOLDS).m();
        if (holds.containsKey(requestId)) {
            // The same request reserved already (a submit retried with its id): it is held once, as it should be.
            Account account = AccountItems.account(item.get());
            return new Reservation.Held(new QueueTicket(account.submitted(), account.started()), false);
        }
        if (holds.size() >= MAX_OPEN_REQUESTS) {
            return new Reservation.Refused(Refusal.TOO_MANY_WAITING, "Too many requests waiting");
        }
        String reason = AccountItems.account(item.get()).lockedBecause(priceMicros);
        return new Reservation.Refused(Refusal.LOCKED, reason == null ? "Exhausted balance" : reason);
    }

    @Override
    public void settle(String accountId, String requestId, long priceMicros, Instant at, UsageRecord usage) {
        boolean charge = usage != null;
        LedgerEntry line = new LedgerEntry(LedgerEntry.forRequest(requestId),
                charge ? LedgerEntry.Kind.CHARGE : LedgerEntry.Kind.RELEASE, charge ? -priceMicros : 0,
                charge ? 0 : priceMicros, at, requestId, null);
        if (!putOnce(AccountItems.toItem(accountId, line)) && ledgerKind(accountId, line) != line.kind()) {
            LOG.warn("request already settled the other way accountId={} requestId={}", accountId, requestId);
            return;
        }
        if (charge) {
            putOnce(AccountItems.toItem(usage));
        }
        String credit = charge ? "#balance = #balance - :price" : "#available = #available + :price";
        try {
            dynamo.updateItem(update(accountId)
                    .updateExpression("SET " + credit + ", #reserved = #reserved - :price REMOVE #holds.#request")
                    .conditionExpression("#holds.#request = :price")
                    .expressionAttributeNames(names(charge ? "#balance" : "#available", charge ? BALANCE : AVAILABLE,
                            "#reserved", RESERVED, "#holds", HOLDS, "#request", requestId))
                    .expressionAttributeValues(Map.of(":price", n(priceMicros))).build());
        } catch (ConditionalCheckFailedException settledAlready) {
            LOG.info("hold already settled accountId={} requestId={}", accountId, requestId);
        }
    }

    @Override
    public Account credit(String accountId, long amountMicros, LedgerEntry.Kind kind, String note, Instant at) {
        String entryId = AccountItems.sortable(at) + "/" + kind.name().toLowerCase(Locale.ROOT) + "/"
                + UUID.randomUUID();
        LedgerEntry line = new LedgerEntry(entryId, kind, amountMicros, 0, at, null, note);
        Map<String, AttributeValue> pending = new HashMap<>(AccountItems.toItem(accountId, line));
        pending.remove(PK);
        try {
            dynamo.updateItem(update(accountId)
                    .updateExpression("SET #balance = #balance + :amount, #available = #available + :amount, "
                            + "#pending.#entry = :line")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(names("#balance", BALANCE, "#available", AVAILABLE,
                            "#pending", PENDING_CREDITS, "#entry", entryId, "#pk", PK))
                    .expressionAttributeValues(Map.of(":amount", n(amountMicros),
                            ":line", AttributeValue.fromM(pending))).build());
        } catch (ConditionalCheckFailedException unknown) {
            throw new IllegalArgumentException("no account " + accountId);
        }
        return writePendingLedgerLines(accountId);
    }

    /** Writes the ledger lines of credits noted on the account and clears the notes; answers the account after. */
    private Account writePendingLedgerLines(String accountId) {
        Map<String, AttributeValue> item = item(accountId).orElseThrow();
        for (Map.Entry<String, AttributeValue> pending : item.get(PENDING_CREDITS).m().entrySet()) {
            Map<String, AttributeValue> line = new HashMap<>(pending.getValue().m());
            line.put(PK, s(AccountItems.accountPartition(accountId)));
            putOnce(line);
            dynamo.updateItem(update(accountId).updateExpression("REMOVE #pending.#entry")
                    .expressionAttributeNames(names("#pending", PENDING_CREDITS, "#entry", pending.getKey())).build());
        }
        return find(accountId).orElseThrow();
    }

    @Override
    public Optional<Account> update(String accountId, AccountChange change) {
        List<String> sets = new ArrayList<>();
        Map<String, String> names = new HashMap<>(Map.of("#pk", PK));
        Map<String, AttributeValue> values = new HashMap<>();
        setIfGiven(sets, names, values, NAME, change.name(), AccountItems::s);
        setIfGiven(sets, names, values, CONCURRENCY_LIMIT, change.concurrencyLimit(), limit -> n(limit));
        setIfGiven(sets, names, values, RATE_LIMIT, change.rateLimitPerMinute(), limit -> n(limit));
        setIfGiven(sets, names, values, LOCKED, change.locked(), AttributeValue::fromBool);
        setIfGiven(sets, names, values, LOCK_REASON, change.lockReason(), AccountItems::s);
        if (sets.isEmpty()) {
            return find(accountId);
        }
        try {
            Map<String, AttributeValue> after = dynamo.updateItem(update(accountId)
                    .updateExpression("SET " + String.join(", ", sets))
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .returnValues(ReturnValue.ALL_NEW).build()).attributes();
            return Optional.of(AccountItems.account(after));
        } catch (ConditionalCheckFailedException unknown) {
            return Optional.empty();
        }
    }

    private static <T> void setIfGiven(List<String> sets, Map<String, String> names, Map<String, AttributeValue> values,
                                       String attribute, T value, Function<T, AttributeValue> encode) {
        if (value != null) {
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, encode.apply(value));
            sets.add("#" + attribute + " = :" + attribute);
        }
    }

    @Override
    public boolean acquireSlot(String accountId, String requestId, Instant now) {
        try {
            dynamo.updateItem(update(accountId)
                    .updateExpression("SET #running.#request = :now ADD #started :one")
                    .conditionExpression("size(#running) < #limit AND attribute_not_exists(#running.#request)")
                    .expressionAttributeNames(names("#running", RUNNING, "#request", requestId, "#started", STARTED,
                            "#limit", CONCURRENCY_LIMIT))
                    .expressionAttributeValues(Map.of(":now", s(now.toString()), ":one", n(1))).build());
            return true;
        } catch (ConditionalCheckFailedException full) {
            return item(accountId).map(item -> item.get(RUNNING).m().containsKey(requestId)).orElse(false);
        }
    }

    @Override
    public void countStarted(String accountId) {
        dynamo.updateItem(update(accountId).updateExpression("ADD #started :one")
                .conditionExpression("attribute_exists(#pk)")
                .expressionAttributeNames(names("#started", STARTED, "#pk", PK))
                .expressionAttributeValues(Map.of(":one", n(1))).build());
    }

    @Override
    public void releaseSlot(String accountId, String requestId) {
        try {
            dynamo.updateItem(update(accountId).updateExpression("REMOVE #running.#request")
                    .conditionExpression("attribute_exists(#pk)")
                    .expressionAttributeNames(names("#running", RUNNING, "#request", requestId, "#pk", PK)).build());
        } catch (ConditionalCheckFailedException noAccount) {
            LOG.warn("no account to give a running slot back to accountId={} requestId={}", accountId, requestId);
        }
    }

    @Override
    public List<LedgerEntry> ledger(String accountId) {
        writePendingLedgerLines(accountId);
        return query(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(names("#pk", PK, "#sk", SK))
                .expressionAttributeValues(Map.of(":pk", s(AccountItems.accountPartition(accountId)),
                        ":prefix", s(AccountItems.LEDGER_PREFIX))).build(), AccountItems::ledgerEntry)
                .stream().sorted(Comparator.comparing(LedgerEntry::at)).toList();
    }

    @Override
    public List<UsageRecord> usage(Optional<String> accountId, Instant from, Instant to) {
        Map<String, AttributeValue> range = Map.of(":from", s(AccountItems.USAGE_PREFIX + AccountItems.sortable(from)),
                ":to", s(AccountItems.USAGE_PREFIX + AccountItems.sortable(to)));
        if (accountId.isPresent()) {
            Map<String, AttributeValue> values = new HashMap<>(range);
            values.put(":pk", s(AccountItems.accountPartition(accountId.get())));
            return query(QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                    .expressionAttributeNames(names("#pk", PK, "#sk", SK)).expressionAttributeValues(values).build(),
                    AccountItems::usage).stream().filter(usage -> usage.at().isBefore(to)).toList();
        }
        List<UsageRecord> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = dynamo.scan(ScanRequest.builder().tableName(table).consistentRead(true)
                    .filterExpression("#sk BETWEEN :from AND :to").expressionAttributeNames(names("#sk", SK))
                    .expressionAttributeValues(range).exclusiveStartKey(start).build());
            page.items().forEach(item -> all.add(AccountItems.usage(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return all.stream().filter(usage -> usage.at().isBefore(to))
                .sorted(Comparator.comparing(UsageRecord::at)).toList();
    }

    private <T> List<T> query(QueryRequest request, Function<Map<String, AttributeValue>, T> map) {
        List<T> results = new ArrayList<>();
        dynamo.queryPaginator(request).items().forEach(item -> results.add(map.apply(item)));
        return results;
    }

    /** Writes an item unless one with its key exists, so a step repeated writes nothing new; whether it wrote. */
    private boolean putOnce(Map<String, AttributeValue> item) {
        try {
            dynamo.putItem(put -> put.tableName(table).item(item).conditionExpression("attribute_not_exists(#sk)")
                    .expressionAttributeNames(Map.of("#sk", SK)));
            return true;
        } catch (ConditionalCheckFailedException writtenAlready) {
            LOG.debug("already written pk={} sk={}", item.get(PK).s(), item.get(SK).s());
            return false;
        }
    }

    /** The kind of the ledger line already written under the entry id of {@code line}. */
    private LedgerEntry.Kind ledgerKind(String accountId, LedgerEntry line) {
        Map<String, AttributeValue> key = Map.of(PK, s(AccountItems.accountPartition(accountId)),
                SK, s(AccountItems.ledgerSortKey(line)));
        return AccountItems.ledgerEntry(dynamo.getItem(get -> get.tableName(table).key(key).consistentRead(true))
                .item()).kind();
    }

    private Optional<Map<String, AttributeValue>> item(String accountId) {
        var response = dynamo.getItem(get -> get.tableName(table).key(AccountItems.accountKey(accountId))
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    private UpdateItemRequest.Builder update(String accountId) {
        return UpdateItemRequest.builder().tableName(table).key(AccountItems.accountKey(accountId));
    }

    private static Map<String, String> names(String... pairs) {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            names.put(pairs[i], pairs[i + 1]);
        }
        return names;
    }
}
