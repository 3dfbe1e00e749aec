package dev.sticker.core.aws;

import dev.sticker.core.port.RequestStore;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.LogLine;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.StickerResult;
import dev.sticker.core.request.Transition;
import dev.sticker.core.webhook.WebhookAttempt;
import dev.sticker.core.webhook.WebhookLog;
import dev.sticker.core.webhook.WebhookState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.sticker.core.aws.RequestItems.n;
import static dev.sticker.core.aws.RequestItems.s;

/**
 * Requests in one DynamoDB table, one item each. Every state change applies one {@link Transition} as a single
 * conditional write built by {@link TransitionExpressions}, so a replay can never move a request backwards. No
 * transactions: each write stands alone.
 */
public final class DynamoRequestStore implements RequestStore {

    /** How many progress lines a request keeps; older ones are dropped. */
    public static final int LOG_CAPACITY = 100;

    private static final Logger LOG = LoggerFactory.getLogger(DynamoRequestStore.class);
    private static final int LOG_TRIM_ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRequestStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public boolean create(StickerRequest request) {
        Status initial = Transition.CREATE.target().orElseThrow();
        if (request.status() != initial) {
            throw new IllegalArgumentException("a new request starts " + initial + ", not " + request.status());
        }
        try {
            dynamo.putItem(TransitionExpressions.condition(Transition.CREATE)
                    .applyTo(PutItemRequest.builder().tableName(table).item(RequestItems.toItem(request)))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public Optional<StickerRequest> find(String id) {
        GetItemResponse response = dynamo.getItem(get -> get.tableName(table).key(key(id)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(RequestItems.fromItem(response.item()))
                : Optional.empty();
    }

    @Override
    public Optional<StickerRequest> claim(String id, Instant now) {
        try {
            var response = dynamo.updateItem(TransitionExpressions.update(Transition.CLAIM, now)
                    .applyTo(update(id))
                    .returnValues(ReturnValue.ALL_NEW)
                    .build());
            return Optional.of(RequestItems.fromItem(response.attributes()));
        } catch (ConditionalCheckFailedException notClaimable) {
            LOG.info("claim refused requestId={} (missing, cancelled or already taken)", id);
            return Optional.empty();
        }
    }

    @Override
    public Optional<StickerRequest> reclaim(String id, int attemptsSeen, Instant now) {
        try {
            var response = dynamo.updateItem(TransitionExpressions.update(Transition.RECLAIM, now, null, attemptsSeen)
                    .applyTo(update(id))
                    .returnValues(ReturnValue.ALL_NEW)
                    .build());
            return Optional.of(RequestItems.fromItem(response.attributes()));
        } catch (ConditionalCheckFailedException taken) {
            LOG.info("reclaim refused requestId={} (taken, ended, cancelled or handed elsewhere)", id);
            return Optional.empty();
        }
    }

    @Override
    public boolean markWaiting(String id, Instant now) {
        return apply(id, TransitionExpressions.update(Transition.WAIT, now));
    }

    @Override
    public boolean requeue(String id, int requeuesSeen, Instant now) {
        return apply(id, TransitionExpressions.update(Transition.REQUEUE, now, null, requeuesSeen));
    }

    @Override
    public boolean dispatch(String id, int attemptsSeen, StickerRequest.Dispatch dispatch) {
        return apply(id, TransitionExpressions.update(Transition.DISPATCH, dispatch.at(),
                RequestItems.dispatch(dispatch), attemptsSeen));
    }

    @Override
    public boolean failOver(String id, int attemptsSeen, String failedBackend) {
        return apply(id, TransitionExpressions.update(Transition.FAIL_OVER, Instant.now(),
                AttributeValue.fromS(failedBackend), attemptsSeen));
    }

    @Override
    public boolean complete(String id, StickerResult result, Instant now) {
        return end(id, TransitionExpressions.update(Transition.COMPLETE, now, RequestItems.result(result), null));
    }

    @Override
    public boolean fail(String id, Failure failure, Instant now) {
        return end(id, TransitionExpressions.update(Transition.FAIL, now, RequestItems.failure(failure), null));
    }

    @Override
    public boolean abandon(String id, int attemptsSeen, Failure failure, Instant now) {
        return end(id, TransitionExpressions.update(Transition.ABANDON, now, RequestItems.failure(failure),
                attemptsSeen));
    }

    private boolean end(String id, TransitionExpressions.Write ending) {
        boolean ended = apply(id, ending);
        if (!ended) {
            LOG.info("end refused requestId={} (already completed, taken since, or missing)", id);
        }
        return ended;
    }

    @Override
    public boolean settle(String id, Instant now) {
        return apply(id, TransitionExpressions.update(Transition.SETTLE, now));
    }

    /** Applies one conditional write; whether its condition held. */
    private boolean apply(String id, TransitionExpressions.Write write) {
        try {
            dynamo.updateItem(write.applyTo(update(id)).build());
            return true;
        } catch (ConditionalCheckFailedException refused) {
            return false;
        }
    }

    @Override
    public List<StickerRequest> openRequests() {
        List<StickerRequest> open = new ArrayList<>();
        for (int shard = 0; shard < RequestItems.OPEN_SHARDS; shard++) {
            String partition = "open-" + shard;
            dynamo.queryPaginator(query -> query.tableName(table).indexName(RequestItems.OPEN_REQUESTS)
                    .keyConditionExpression("#shard = :shard")
                    .expressionAttributeNames(Map.of("#shard", RequestItems.OPEN_SHARD))
                    .expressionAttributeValues(Map.of(":shard", AttributeValue.fromS(partition))))
                    .items().forEach(item -> open.add(RequestItems.fromItem(item)));
        }
        return open;
    }

    @Override
    public CancelOutcome requestCancel(String id, Instant now) {
        try {
            dynamo.updateItem(TransitionExpressions.update(Transition.REQUEST_CANCEL, now).applyTo(update(id)).build());
            return CancelOutcome.CANCELLATION_REQUESTED;
        } catch (ConditionalCheckFailedException refused) {
            return find(id).isPresent() ? CancelOutcome.ALREADY_COMPLETED : CancelOutcome.NOT_FOUND;
        }
    }

    /**
     * Appends with {@code list_append} while the list has room for every line. Otherwise the most recent lines are
     * rewritten guarded by the size just read, so two writers racing cannot lose each other's lines silently: the
     * loser retries.
     */
    @Override
    public void appendLogs(String id, List<LogLine> lines) {
        if (lines.isEmpty()) {
            return;
        }
        List<AttributeValue> entries = lines.stream().skip(Math.max(0, lines.size() - LOG_CAPACITY))
                .map(RequestItems::logLine).toList();
        try {
            dynamo.updateItem(update(id)
                    .updateExpression("SET logs = list_append(if_not_exists(logs, :empty), :entries)")
                    .conditionExpression("attribute_exists(id) AND (attribute_not_exists(logs) OR size(logs) <= :room)")
                    .expressionAttributeValues(Map.of(
                            ":empty", AttributeValue.fromL(List.of()),
                            ":entries", AttributeValue.fromL(entries),
                            ":room", n(LOG_CAPACITY - entries.size())))
                    .build());
        } catch (ConditionalCheckFailedException fullOrMissing) {
            appendDroppingOldest(id, entries);
        }
    }

    private void appendDroppingOldest(String id, List<AttributeValue> entries) {
        for (int attempt = 0; attempt < LOG_TRIM_ATTEMPTS; attempt++) {
            var current = dynamo.getItem(get -> get.tableName(table).key(key(id)).consistentRead(true)
                    .projectionExpression("logs"));
            if (!current.hasItem() || current.item().isEmpty()) {
                LOG.warn("log lines dropped requestId={} (unknown request)", id);
                return;
            }
            List<AttributeValue> logs = current.item().containsKey(RequestItems.LOGS)
                    ? current.item().get(RequestItems.LOGS).l() : List.of();
            List<AttributeValue> kept = new ArrayList<>(logs.subList(
                    Math.max(0, logs.size() - LOG_CAPACITY + entries.size()), logs.size()));
            kept.addAll(entries);
            try {
                dynamo.updateItem(update(id)
                        .updateExpression("SET logs = :kept")
                        .conditionExpression("size(logs) = :seen")
                        .expressionAttributeValues(Map.of(
                                ":kept", AttributeValue.fromL(kept),
                                ":seen", n(logs.size())))
                        .build());
                return;
            } catch (ConditionalCheckFailedException raced) {
                LOG.debug("log list changed while trimming requestId={}; retrying", id);
            }
        }
        LOG.warn("log lines dropped requestId={} after {} contended attempts", id, LOG_TRIM_ATTEMPTS);
    }

    @Override
    public boolean markWebhookQueued(String id) {
        try {
            dynamo.updateItem(update(id)
                    .updateExpression("SET webhook_state = :queued")
                    .conditionExpression("attribute_exists(id) AND attribute_not_exists(webhook_state)")
                    .expressionAttributeValues(Map.of(":queued", s(WebhookState.QUEUED.name())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException alreadyMarked) {
            return false;
        }
    }

    /** The list never outgrows the attempt limit: an attempt is appended only right after its predecessor. */
    @Override
    public boolean recordWebhookAttempt(String id, WebhookAttempt attempt, WebhookState state) {
        String previous = attempt.number() == 1
                ? "attribute_not_exists(webhook_attempts)" : "size(webhook_attempts) = :previous";
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":empty", AttributeValue.fromL(List.of()),
                ":attempt", AttributeValue.fromL(List.of(RequestItems.webhookAttempt(attempt))),
                ":state", s(state.name())));
        if (attempt.number() > 1) {
            values.put(":previous", n(attempt.number() - 1));
        }
        try {
            dynamo.updateItem(update(id)
                    .updateExpression("SET webhook_attempts = list_append(if_not_exists(webhook_attempts, :empty), "
                            + ":attempt), webhook_state = :state")
                    .conditionExpression("attribute_exists(id) AND " + previous)
                    .expressionAttributeValues(values)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            LOG.info("webhook attempt not recorded requestId={} attempt={} (already recorded)", id, attempt.number());
            return false;
        }
    }

    @Override
    public Optional<WebhookLog> webhookLog(String id) {
        var response = dynamo.getItem(get -> get.tableName(table).key(key(id)).consistentRead(true)
                .projectionExpression("webhook_state, webhook_attempts"));
        return response.hasItem() ? RequestItems.webhookLog(response.item()) : Optional.empty();
    }

    private UpdateItemRequest.Builder update(String id) {
        return UpdateItemRequest.builder().tableName(table).key(key(id));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of(RequestItems.ID, s(id));
    }
}
