package dev.sticker.core.aws;

import dev.sticker.core.port.RateLimiter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static dev.sticker.core.aws.AccountItems.EXPIRES_AT;
import static dev.sticker.core.aws.AccountItems.PK;
import static dev.sticker.core.aws.AccountItems.SK;
import static dev.sticker.core.aws.AccountItems.n;
import static dev.sticker.core.aws.AccountItems.s;

/**
 * Fixed one-minute windows in the accounts table: one counter item per subject and minute, added to with a
 * conditional write that refuses the call once the window is full. Windows delete themselves (TTL).
 */
public final class DynamoRateLimiter implements RateLimiter {

    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final Duration KEEP = Duration.ofMinutes(5);

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRateLimiter(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<Duration> take(String subject, int perMinute, Instant now) {
        long minute = now.getEpochSecond() / WINDOW.toSeconds();
        Instant windowEnd = Instant.ofEpochSecond((minute + 1) * WINDOW.toSeconds());
        try {
            dynamo.updateItem(update -> update.tableName(table)
                    .key(Map.of(PK, s("RATE#" + subject), SK, s(Long.toString(minute))))
                    .updateExpression("ADD #count :one SET #expires = :expires")
                    .conditionExpression("attribute_not_exists(#count) OR #count < :limit")
                    .expressionAttributeNames(Map.of("#count", "count", "#expires", EXPIRES_AT))
                    .expressionAttributeValues(Map.of(":one", n(1), ":limit", n(perMinute),
                            ":expires", n(windowEnd.plus(KEEP).getEpochSecond()))));
            return Optional.empty();
        } catch (ConditionalCheckFailedException full) {
            Duration wait = Duration.between(now, windowEnd);
            return Optional.of(wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait);
        }
    }
}
