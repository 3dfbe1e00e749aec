package dev.sticker.core.aws;

import dev.sticker.core.port.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.sticker.core.aws.AccountItems.PK;
import static dev.sticker.core.aws.AccountItems.SK;
import static dev.sticker.core.aws.AccountItems.n;
import static dev.sticker.core.aws.AccountItems.s;

/**
 * Breakers in the accounts table, one item per backend ({@code BACKEND#{name}}, {@code CIRCUIT}): the failures in a
 * row, and while open, until when. The count is kept once the breaker opens, so after the cool-down one more failure
 * opens it again at once, and only a success clears it. Reads are eventually consistent: a breaker seen a moment late
 * costs one extra try, never a lost request.
 */
public final class DynamoCircuitBreaker implements CircuitBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoCircuitBreaker.class);
    private static final String FAILURES = "failures";
    private static final String OPEN_UNTIL = "open_until";

    private final DynamoDbClient dynamo;
    private final String table;
    private final int threshold;
    private final Duration coolDown;

    public DynamoCircuitBreaker(DynamoDbClient dynamo, String table, int threshold, Duration coolDown) {
        this.dynamo = dynamo;
        this.table = table;
        this.threshold = threshold;
        this.coolDown = coolDown;
    }

    @Override
    public boolean allows(String backend, Instant now) {
        var item = dynamo.getItem(get -> get.tableName(table).key(key(backend))).item();
        AttributeValue openUntil = item == null ? null : item.get(OPEN_UNTIL);
        return openUntil == null || Long.parseLong(openUntil.n()) <= now.toEpochMilli();
    }

    @Override
    public void failed(String backend, Instant now) {
        var after = dynamo.updateItem(update -> update.tableName(table).key(key(backend))
                .updateExpression("ADD #failures :one").expressionAttributeNames(Map.of("#failures", FAILURES))
                .expressionAttributeValues(Map.of(":one", n(1))).returnValues(ReturnValue.ALL_NEW)).attributes();
        long failures = Long.parseLong(after.get(FAILURES).n());
        if (failures >= threshold) {
            dynamo.updateItem(update -> update.tableName(table).key(key(backend))
                    .updateExpression("SET #open = :until").expressionAttributeNames(Map.of("#open", OPEN_UNTIL))
                    .expressionAttributeValues(Map.of(":until", n(now.plus(coolDown).toEpochMilli()))));
            LOG.warn("backend circuit open backend={} failures={} coolDownSeconds={}", backend, failures,
                    coolDown.toSeconds());
        }
    }

    @Override
    public void succeeded(String backend) {
        try {
            dynamo.updateItem(update -> update.tableName(table).key(key(backend))
                    .updateExpression("SET #failures = :zero REMOVE #open")
                    .conditionExpression("#failures > :zero")
                    .expressionAttributeNames(Map.of("#failures", FAILURES, "#open", OPEN_UNTIL))
                    .expressionAttributeValues(Map.of(":zero", n(0))));
            LOG.info("backend circuit closed backend={}", backend);
        } catch (ConditionalCheckFailedException closedAlready) {
            // No failures to forget: the usual case, written nothing.
        }
    }

    private static Map<String, AttributeValue> key(String backend) {
        return Map.of(PK, s("BACKEND#" + backend), SK, s("CIRCUIT"));
    }
}
