package dev.sticker.core.aws;

import dev.sticker.core.account.ApiKey;
import dev.sticker.core.port.KeyStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.sticker.core.aws.AccountItems.KEY_ACCOUNT;
import static dev.sticker.core.aws.AccountItems.LAST_USED_AT;
import static dev.sticker.core.aws.AccountItems.PK;
import static dev.sticker.core.aws.AccountItems.REVOKED_AT;
import static dev.sticker.core.aws.AccountItems.n;
import static dev.sticker.core.aws.AccountItems.s;

/**
 * Keys in the accounts table, one item each ({@link AccountItems}); an account's keys are listed through the sparse
 * index {@value AccountItems#KEYS_BY_ACCOUNT}, which only key items enter (it is eventually consistent: a key created
 * a moment ago may be missing from a list, never from an authorization, which reads the item itself).
 */
public final class DynamoKeyStore implements KeyStore {

    /** "Last used" is written at most this often per key. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoKeyStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(ApiKey key) {
        dynamo.putItem(put -> put.tableName(table).item(AccountItems.toItem(key))
                .conditionExpression("attribute_not_exists(#pk)").expressionAttributeNames(Map.of("#pk", PK)));
    }

    @Override
    public Optional<ApiKey> find(String keyId) {
        var response = dynamo.getItem(get -> get.tableName(table).key(AccountItems.keyKey(keyId)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(AccountItems.key(response.item())) : Optional.empty();
    }

    @Override
    public List<ApiKey> list(Optional<String> accountId) {
        List<ApiKey> keys = new ArrayList<>();
        if (accountId.isPresent()) {
            dynamo.queryPaginator(QueryRequest.builder().tableName(table).indexName(AccountItems.KEYS_BY_ACCOUNT)
                    .keyConditionExpression("#account = :account")
                    .expressionAttributeNames(Map.of("#account", KEY_ACCOUNT))
                    .expressionAttributeValues(Map.of(":account", s(accountId.get()))).build())
                    .items().forEach(item -> keys.add(AccountItems.key(item)));
        } else {
            dynamo.scanPaginator(ScanRequest.builder().tableName(table).indexName(AccountItems.KEYS_BY_ACCOUNT).build())
                    .items().forEach(item -> keys.add(AccountItems.key(item)));
        }
        keys.sort(Comparator.comparing(ApiKey::createdAt));
        return keys;
    }

    @Override
    public boolean revoke(String keyId, Instant now) {
        try {
            dynamo.updateItem(update -> update.tableName(table).key(AccountItems.keyKey(keyId))
                    .updateExpression("SET #revoked = :now")
                    .conditionExpression("attribute_exists(#pk) AND attribute_not_exists(#revoked)")
                    .expressionAttributeNames(Map.of("#revoked", REVOKED_AT, "#pk", PK))
                    .expressionAttributeValues(Map.of(":now", s(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException unknownOrRevoked) {
            return false;
        }
    }

    @Override
    public void touch(String keyId, Instant now) {
        try {
            dynamo.updateItem(update -> update.tableName(table).key(AccountItems.keyKey(keyId))
                    .updateExpression("SET #used = :now")
                    .conditionExpression("attribute_exists(#pk) AND (attribute_not_exists(#used) OR #used < :stale)")
                    .expressionAttributeNames(Map.of("#used", LAST_USED_AT, "#pk", PK))
                    .expressionAttributeValues(Map.<String, AttributeValue>of(":now", n(now.getEpochSecond()),
                            ":stale", n(now.minus(TOUCH_INTERVAL).getEpochSecond()))));
        } catch (ConditionalCheckFailedException recentEnough) {
            // Touched within the last minute already: the coarse "last used" stays as it is.
        }
    }
}
