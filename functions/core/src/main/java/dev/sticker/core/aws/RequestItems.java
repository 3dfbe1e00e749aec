package dev.sticker.core.aws;

import dev.sticker.core.request.Billing;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.LogLine;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.StickerResult;
import dev.sticker.core.request.StoredImage;
import dev.sticker.core.webhook.WebhookAttempt;
import dev.sticker.core.webhook.WebhookLog;
import dev.sticker.core.webhook.WebhookState;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps a {@link StickerRequest} to a DynamoDB item and back. Attribute names are snake_case, as in the API. */
final class RequestItems {

    static final String ID = "id";
    static final String MODEL_ID = "model_id";
    static final String STATUS = "status";
    static final String BILLING = "billing";
    static final String INPUT = "input";
    static final String QUEUE_SEQ = "queue_seq";
    static final String RESULT = "result";
    static final String FAILURE = "failure";
    static final String LOGS = "logs";
    static final String WEBHOOK_URL = "webhook_url";
    static final String ATTEMPTS = "attempts";
    static final String REQUEUES = "requeues";
    static final String DISPATCH = "dispatch";
    static final String FAILED_BACKENDS = "failed_backends";
    static final String QUEUE_SEEN_AT = "queue_seen_at";
    static final String CANCEL_REQUESTED = "cancel_requested";
    static final String CANCEL_REQUESTED_AT = "cancel_requested_at";
    static final String CREATED_AT = "created_at";
    static final String STARTED_AT = "started_at";
    static final String COMPLETED_AT = "completed_at";
    static final String SETTLED = "settled";
    static final String SETTLED_AT = "settled_at";
    static final String EXPIRES_AT = "expires_at";
    static final String WEBHOOK_STATE = "webhook_state";
    static final String WEBHOOK_ATTEMPTS = "webhook_attempts";
    /**
     * Present only while the request is open, as the key of the sparse index {@link #OPEN_REQUESTS}: the sweeper's
     * reads cost the open requests, not the table. Spread over a few values, so no index partition takes every write.
     */
    static final String OPEN_SHARD = "open_shard";
    static final String OPEN_REQUESTS = "open_requests";
    static final int OPEN_SHARDS = 4;

    private RequestItems() {
    }

    static Map<String, AttributeValue> toItem(StickerRequest request) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ID, s(request.id()));
        item.put(MODEL_ID, s(request.modelId()));
        item.put(STATUS, s(request.status().name()));
        if (request.billing() != null) {
            item.put(BILLING, billing(request.billing()));
        }
        item.put(INPUT, s(request.inputJson()));
        item.put(QUEUE_SEQ, n(request.queueSeq()));
        if (request.result() != null) {
            item.put(RESULT, result(request.result()));
        }
        if (request.failure() != null) {
            item.put(FAILURE, failure(request.failure()));
        }
        item.put(LOGS, AttributeValue.fromL(request.logs() == null ? List.of()
                : request.logs().stream().map(RequestItems::logLine).toList()));
        putIfPresent(item, WEBHOOK_URL, request.webhookUrl());
        item.put(ATTEMPTS, n(request.attempts()));
        item.put(REQUEUES, n(request.requeues()));
        if (request.dispatch() != null) {
            item.put(DISPATCH, dispatch(request.dispatch()));
        }
        if (!request.failedBackends().isEmpty()) {
            item.put(FAILED_BACKENDS, AttributeValue.fromL(request.failedBackends().stream().map(RequestItems::s)
                    .toList()));
        }
        putIfPresent(item, QUEUE_SEEN_AT, request.queueSeenAt());
        if (request.status() != Status.COMPLETED) {
            item.put(OPEN_SHARD, s(openShard(request.id())));
        }
        item.put(CANCEL_REQUESTED, AttributeValue.fromBool(request.cancelRequested()));
        putIfPresent(item, CREATED_AT, request.createdAt());
        putIfPresent(item, STARTED_AT, request.startedAt());
        putIfPresent(item, COMPLETED_AT, request.completedAt());
        if (request.settledAt() != null) {
            item.put(SETTLED, AttributeValue.fromBool(true));
            item.put(SETTLED_AT, s(request.settledAt().toString()));
        }
        item.put(EXPIRES_AT, n(request.expiresAt()));
        return item;
    }

    static StickerRequest fromItem(Map<String, AttributeValue> item) {
        return new StickerRequest(
                string(item, ID),
                string(item, MODEL_ID),
                Status.valueOf(string(item, STATUS)),
                item.containsKey(BILLING) ? billing(item.get(BILLING).m()) : null,
                string(item, INPUT),
                number(item, QUEUE_SEQ),
                item.containsKey(RESULT) ? result(item.get(RESULT).m()) : null,
                item.containsKey(FAILURE) ? failure(item.get(FAILURE).m()) : null,
                item.containsKey(LOGS) ? item.get(LOGS).l().stream().map(v -> logLine(v.m())).toList() : List.of(),
                string(item, WEBHOOK_URL),
                (int) number(item, ATTEMPTS),
                (int) number(item, REQUEUES),
                item.containsKey(CANCEL_REQUESTED) && Boolean.TRUE.equals(item.get(CANCEL_REQUESTED).bool()),
                item.containsKey(DISPATCH) ? dispatch(item.get(DISPATCH).m()) : null,
                item.containsKey(FAILED_BACKENDS) ? item.get(FAILED_BACKENDS).l().stream().map(AttributeValue::s)
                        .toList() : List.of(),
                instant(item, CREATED_AT),
                instant(item, QUEUE_SEEN_AT),
                instant(item, STARTED_AT),
                instant(item, COMPLETED_AT),
                instant(item, SETTLED_AT),
                number(item, EXPIRES_AT));
    }

    static AttributeValue result(StickerResult result) {
        return AttributeValue.fromM(Map.of(
                "sticker_image", image(result.sticker()),
                "sticker_image_background_removed", image(result.backgroundRemoved()),
                "seed", n(result.seed()),
                "sticker_nsfw", AttributeValue.fromBool(result.stickerNsfw()),
                "background_removed_nsfw", AttributeValue.fromBool(result.backgroundRemovedNsfw()),
                "backend", s(result.backend())));
    }

    /** The open-requests index partition of a request: fixed by its id. */
    static String openShard(String id) {
        return "open-" + Math.floorMod(id.hashCode(), OPEN_SHARDS);
    }

    static AttributeValue dispatch(StickerRequest.Dispatch dispatch) {
        return AttributeValue.fromM(Map.of("backend", s(dispatch.backend()), "upstream_id", s(dispatch.upstreamId()),
                "at", s(dispatch.at().toString())));
    }

    static StickerRequest.Dispatch dispatch(Map<String, AttributeValue> map) {
        return new StickerRequest.Dispatch(string(map, "backend"), string(map, "upstream_id"),
                Instant.parse(string(map, "at")));
    }

    static AttributeValue billing(Billing billing) {
        return AttributeValue.fromM(Map.of(
                "account_id", s(billing.accountId()),
                "key_id", s(billing.keyId()),
                "key_alias", s(billing.keyAlias()),
                "quantity", AttributeValue.fromN(billing.quantity().toPlainString()),
                "unit_price", n(billing.unitPriceMicros()),
                "price", n(billing.priceMicros())));
    }

    static AttributeValue failure(Failure failure) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("http_status", n(failure.httpStatus()));
        putIfPresent(map, "field", failure.field());
        putIfPresent(map, "type", failure.type());
        putIfPresent(map, "message", failure.message());
        return AttributeValue.fromM(map);
    }

    static AttributeValue logLine(LogLine line) {
        return AttributeValue.fromM(Map.of(
                "message", s(line.message()),
                "level", s(line.level().name()),
                "timestamp", s(line.timestamp().toString())));
    }

    static AttributeValue webhookAttempt(WebhookAttempt attempt) {
        Map<String, AttributeValue> map = new HashMap<>();
        map.put("number", n(attempt.number()));
        map.put("at", s(attempt.at().toString()));
        map.put("http_status", n(attempt.httpStatus()));
        map.put("millis", n(attempt.millis()));
        putIfPresent(map, "error", attempt.error());
        return AttributeValue.fromM(map);
    }

    /** The webhook attributes of an item, empty when it has none. */
    static Optional<WebhookLog> webhookLog(Map<String, AttributeValue> item) {
        if (!item.containsKey(WEBHOOK_STATE)) {
            return Optional.empty();
        }
        List<WebhookAttempt> attempts = item.containsKey(WEBHOOK_ATTEMPTS)
                ? item.get(WEBHOOK_ATTEMPTS).l().stream().map(v -> webhookAttempt(v.m())).toList() : List.of();
        return Optional.of(new WebhookLog(WebhookState.valueOf(string(item, WEBHOOK_STATE)), attempts));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private static StickerResult result(Map<String, AttributeValue> map) {
        return new StickerResult(
                image(map.get("sticker_image").m()),
                image(map.get("sticker_image_background_removed").m()),
                number(map, "seed"),
                map.get("sticker_nsfw").bool(),
                map.get("background_removed_nsfw").bool(),
                string(map, "backend"));
    }

    private static Billing billing(Map<String, AttributeValue> map) {
        return new Billing(string(map, "account_id"), string(map, "key_id"), string(map, "key_alias"),
                new BigDecimal(map.get("quantity").n()), number(map, "unit_price"), number(map, "price"));
    }

    private static Failure failure(Map<String, AttributeValue> map) {
        return new Failure((int) number(map, "http_status"), string(map, "field"), string(map, "type"),
                string(map, "message"));
    }

    private static LogLine logLine(Map<String, AttributeValue> map) {
        return new LogLine(string(map, "message"), LogLine.Level.valueOf(string(map, "level")),
                instant(map, "timestamp"));
    }

    private static AttributeValue image(StoredImage image) {
        return AttributeValue.fromM(Map.of(
                "key", s(image.key()),
                "content_type", s(image.contentType()),
                "file_name", s(image.fileName()),
                "file_size", n(image.fileSize()),
                "width", n(image.width()),
                "height", n(image.height())));
    }

    private static StoredImage image(Map<String, AttributeValue> map) {
        return new StoredImage(string(map, "key"), string(map, "content_type"), string(map, "file_name"),
                number(map, "file_size"), (int) number(map, "width"), (int) number(map, "height"));
    }

    private static WebhookAttempt webhookAttempt(Map<String, AttributeValue> map) {
        return new WebhookAttempt((int) number(map, "number"), instant(map, "at"), (int) number(map, "http_status"),
                string(map, "error"), number(map, "millis"));
    }

    private static void putIfPresent(Map<String, AttributeValue> map, String name, Object value) {
        if (value != null) {
            map.put(name, s(value.toString()));
        }
    }

    private static String string(Map<String, AttributeValue> map, String name) {
        AttributeValue value = map.get(name);
        return value == null ? null : value.s();
    }

    private static long number(Map<String, AttributeValue> map, String name) {
        AttributeValue value = map.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }

    private static Instant instant(Map<String, AttributeValue> map, String name) {
        String value = string(map, name);
        return value == null ? null : Instant.parse(value);
    }
}
