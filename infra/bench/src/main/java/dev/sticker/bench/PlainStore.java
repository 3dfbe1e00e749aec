package dev.sticker.bench;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.sticker.core.aws.TransitionExpressions;
import dev.sticker.core.request.Transition;
import dev.sticker.settings.Setting;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The raw I/O of a submit with plain SDK v2 clients (url-connection HTTP client) and nothing else: the same
 * DynamoDB and SQS calls the service makes, on an item of about the same size. It is the floor the submit path is
 * measured against, and the body of the plain baseline handler. The one piece of the service it uses is the request
 * state machine's create (a few small classes), so that it never states the lifecycle a second time.
 */
final class PlainStore implements AutoCloseable {

    /** The baseline's own counter item, holding a submitted and a started count as the service's does. */
    private static final String QUEUE_COUNTERS = "#plain-counter#queue";
    private static final Duration RETENTION = Duration.ofDays(7);

    private final SdkHttpClient http;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final String table;
    private final String queueUrl;

    private PlainStore(SdkHttpClient http, DynamoDbClient dynamo, SqsClient sqs, String table, String queueUrl) {
        this.http = http;
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.table = table;
        this.queueUrl = queueUrl;
    }

    /**
     * Configured like the functions: table, queue URL and optional endpoint overrides under the same names, region
     * and credentials from the SDK's default chains.
     */
    static PlainStore fromSettings(UnaryOperator<String> lookup) {
        SdkHttpClient http = UrlConnectionHttpClient.create();
        var dynamo = DynamoDbClient.builder().httpClient(http);
        endpoint(lookup, Setting.ENDPOINT_DYNAMODB.variable()).ifPresent(dynamo::endpointOverride);
        var sqs = SqsClient.builder().httpClient(http);
        endpoint(lookup, Setting.ENDPOINT_SQS.variable()).ifPresent(sqs::endpointOverride);
        return new PlainStore(http, dynamo.build(), sqs.build(), lookup.apply(Setting.TABLE.variable()),
                lookup.apply(Setting.JOB_QUEUE_URL.variable()));
    }

    /** System property first, then environment variable: how the local cloud and Lambda configure functions. */
    static String setting(String key) {
        String property = System.getProperty(key);
        return property != null ? property : System.getenv(key);
    }

    /** Draws the next submission number and reads the started count with it, in one UpdateItem. */
    QueueTicket nextQueueTicket() {
        var counters = dynamo.updateItem(update -> update.tableName(table).key(Map.of("id", s(QUEUE_COUNTERS)))
                .updateExpression("ADD submitted :one")
                .expressionAttributeValues(Map.of(":one", n(1)))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        AttributeValue started = counters.get("started");
        return new QueueTicket(Long.parseLong(counters.get("submitted").n()),
                started == null ? 0 : Long.parseLong(started.n()));
    }

    /** A new request, written as the service's {@link Transition#CREATE}: its status and its condition. */
    void create(String id, String inputJson, long queueSeq, Instant now) {
        dynamo.putItem(put -> TransitionExpressions.condition(Transition.CREATE).applyTo(put.tableName(table)
                .item(Map.of(
                        "id", s(id),
                        "model_id", s("fal-ai/face-to-sticker"),
                        "status", s(Transition.CREATE.target().orElseThrow().name()),
                        "input", s(inputJson),
                        "queue_seq", n(queueSeq),
                        "logs", AttributeValue.fromL(List.of()),
                        "attempts", n(0),
                        "cancel_requested", AttributeValue.fromBool(false),
                        "created_at", s(now.toString()),
                        "expires_at", n(now.plus(RETENTION).getEpochSecond())))));
    }

    void enqueue(String id) {
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody("{\"request_id\":\"" + id + "\"}"));
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        http.close();
    }

    /** A submission number and the started count read with it. */
    record QueueTicket(long seq, long started) {
    }

    private static Optional<URI> endpoint(UnaryOperator<String> lookup, String key) {
        return Optional.ofNullable(lookup.apply(key)).filter(value -> !value.isBlank()).map(URI::create);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
