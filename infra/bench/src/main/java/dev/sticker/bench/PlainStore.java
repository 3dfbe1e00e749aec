package dev.sticker.bench;

import dev.sticker.core.aws.TransitionExpressions;
import dev.sticker.core.request.Transition;
import dev.sticker.settings.Setting;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The raw I/O of a submit with plain SDK v2 clients (url-connection HTTP client) and nothing else: the same
 * DynamoDB and SQS calls the service makes, on items of about the same size: count the call in the key's rate window,
 * hold the price on the account and draw the request's number, store the request, queue the job. It is the floor the submit path is
 * measured against, and the body of the plain baseline handler. The one piece of the service it uses is the request
 * state machine's create (a few small classes), so that it never states the lifecycle a second time.
 */
final class PlainStore implements AutoCloseable {

    /** The baseline's own account item, holding credit and a submitted and a started count as the service's does. */
    private static final Map<String, AttributeValue> ACCOUNT = Map.of("pk", s("PLAIN#account"), "sk", s("ACCOUNT"));
    private static final Duration RETENTION = Duration.ofDays(7);

    private final SdkHttpClient http;
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final String table;
    private final String accountsTable;
    private final String queueUrl;

    private PlainStore(SdkHttpClient http, DynamoDbClient dynamo, SqsClient sqs, String table, String accountsTable,
                       String queueUrl) {
        this.http = http;
        this.dynamo = dynamo;
        this.sqs = sqs;
        this.table = table;
        this.accountsTable = accountsTable;
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
                lookup.apply(Setting.ACCOUNTS_TABLE.variable()), lookup.apply(Setting.JOB_QUEUE_URL.variable()));
    }

    /** System property first, then environment variable: how the local cloud and Lambda configure functions. */
    static String setting(String key) {
        String property = System.getProperty(key);
        return property != null ? property : System.getenv(key);
    }

    /** Counts a call in its subject's one-minute window, in one UpdateItem. */
    void countCall(String subject, Instant now) {
        dynamo.updateItem(update -> update.tableName(accountsTable)
                .key(Map.of("pk", s("PLAIN#rate#" + subject), "sk", s(Long.toString(now.getEpochSecond() / 60))))
                .updateExpression("ADD #count :one").expressionAttributeNames(Map.of("#count", "count"))
                .expressionAttributeValues(Map.of(":one", n(1))));
    }

    /** Adds the price to the account's reserved credit and draws the next submission number, in one UpdateItem. */
    QueueTicket reserve(long priceMicros) {
        var counters = dynamo.updateItem(update -> update.tableName(accountsTable).key(ACCOUNT)
                .updateExpression("ADD submitted :one, reserved :price")
                .expressionAttributeValues(Map.of(":one", n(1), ":price", n(priceMicros)))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        AttributeValue started = counters.get("started");
        return new QueueTicket(Long.parseLong(counters.get("submitted").n()),
                started == null ? 0 : Long.parseLong(started.n()));
    }

    /** What the key authorizer reads on a miss, with plain calls: the key, its account, and the key's first use. */
    void readKeyAndAccount(String keyId, String accountId, Instant now) {
        dynamo.getItem(get -> get.tableName(accountsTable).consistentRead(true)
                .key(Map.of("pk", s("KEY#" + keyId), "sk", s("KEY"))));
        dynamo.getItem(get -> get.tableName(accountsTable).consistentRead(true)
                .key(Map.of("pk", s("ACCOUNT#" + accountId), "sk", s("ACCOUNT"))));
        dynamo.updateItem(update -> update.tableName(accountsTable).key(Map.of("pk", s("PLAIN#used#" + keyId),
                "sk", s("KEY"))).updateExpression("SET last_used_at = :now")
                .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
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
