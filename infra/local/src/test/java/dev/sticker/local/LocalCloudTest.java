package dev.sticker.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class LocalCloudTest {

    static final Path FIXTURE = Path.of("src/test/resources/fixture-template.yaml");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        // WorkQueue declares 40 s; scaled to 2 s so redelivery is observable quickly.
        cloud = LocalCloud.start(LocalCloudOptions.ephemeral(FIXTURE).withVisibilityTimeoutFactor(0.05));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void tableIsCreatedWithKeysAndGlobalIndexFromTemplate() {
        TableDescription table = cloud.clients().dynamoDb()
                .describeTable(b -> b.tableName(cloud.physicalName("ItemsTable"))).table();
        assertEquals("sticker-local-ItemsTable", table.tableName());
        assertEquals("id", table.keySchema().get(0).attributeName());
        assertEquals(KeyType.HASH, table.keySchema().get(0).keyType());
        assertEquals(1, table.globalSecondaryIndexes().size());
        var index = table.globalSecondaryIndexes().get(0);
        assertEquals("ByOwner", index.indexName());
        assertEquals(List.of("owner", "created"), index.keySchema().stream().map(k -> k.attributeName()).toList());
    }

    @Test
    void queuesGetRedrivePolicyAndScaledVisibilityTimeout() throws IOException {
        Map<QueueAttributeName, String> attributes = cloud.clients().sqs().getQueueAttributes(b -> b
                .queueUrl(cloud.physicalName("WorkQueue")).attributeNames(QueueAttributeName.ALL)).attributes();
        assertEquals("2", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
        JsonNode redrive = JSON.readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));
        assertEquals("arn:aws:sqs:us-east-1:000000000000:sticker-local-WorkDeadLetterQueue",
                redrive.get("deadLetterTargetArn").asText());
        assertEquals(2, redrive.get("maxReceiveCount").asInt());
        Map<QueueAttributeName, String> dead = cloud.clients().sqs().getQueueAttributes(b -> b
                .queueUrl(cloud.physicalName("WorkDeadLetterQueue")).attributeNames(QueueAttributeName.ALL)).attributes();
        // No VisibilityTimeout declared: SQS's default of 30 s, scaled like the others.
        assertEquals("2", dead.get(QueueAttributeName.VISIBILITY_TIMEOUT));
    }

    @Test
    void resourcesWhoseConditionIsFalseAreNotCreated() {
        List<String> queues = cloud.clients().sqs().listQueues().queueUrls();
        assertEquals(4, queues.size(), queues.toString());
        assertTrue(queues.stream().noneMatch(url -> url.endsWith("ExtraQueue")), queues.toString());
    }

    @Test
    void bucketIsCreatedAndStoresObjects() {
        String bucket = cloud.physicalName("FilesBucket");
        assertEquals("sticker-local-files-000000000000", bucket);
        cloud.clients().s3().putObject(b -> b.bucket(bucket).key("a/b.txt"), RequestBody.fromString("hi"));
        assertEquals("hi", cloud.clients().s3().getObjectAsBytes(b -> b.bucket(bucket).key("a/b.txt")).asUtf8String());
    }

    @Test
    void bucketCorsRulesAnswerBrowserPreflights() throws Exception {
        URI object = URI.create(cloud.environment().get("STICKER_ENDPOINT_S3") + "/"
                + cloud.physicalName("FilesBucket") + "/upload.png");
        HttpResponse<String> allowed = HTTP.send(HttpRequest.newBuilder(object)
                .header("Origin", "http://hello.example").header("Access-Control-Request-Method", "PUT")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, allowed.statusCode());
        assertEquals("http://hello.example", allowed.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(object)
                .header("Origin", "http://elsewhere.example").header("Access-Control-Request-Method", "PUT")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode());
    }

    @Test
    void environmentResolvesTheTemplateAndPointsAtLocalServers() {
        Map<String, String> environment = cloud.environment();
        assertEquals("sticker-local-ItemsTable", environment.get("TEST_TABLE"));
        assertEquals("hello from sticker-local in us-east-1", environment.get("TEST_GREETING"));
        assertEquals(cloud.physicalName("WorkQueue"), environment.get("TEST_QUEUE_URL"));
        assertTrue(environment.get("TEST_QUEUE_URL").startsWith(environment.get("STICKER_ENDPOINT_SQS") + "/"));
        assertEquals("arn:aws:sqs:us-east-1:000000000000:sticker-local-WorkDeadLetterQueue",
                environment.get("TEST_DEAD_LETTER_ARN"));
        assertEquals("127.0.0.1,localhost", environment.get("STICKER_URL_ALLOWLIST"));
        assertTrue(environment.get("STICKER_CALLBACK_SECRET").matches("[0-9a-f]{64}"));
        assertTrue(environment.get("STICKER_ENDPOINT_DYNAMODB").matches("http://127\\.0\\.0\\.1:\\d+"));
        environment.forEach((key, value) -> assertEquals(value, System.getProperty(key), key));
        assertEquals("us-east-1", System.getProperty("aws.region"));
    }

    @Test
    void requestEventCarriesWhatApiGatewaySends() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api("/items/a%20b?x=1&x=2&y=z%26w"))
                .header("X-Test", "one").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals(List.of("a", "b"), response.headers().allValues("X-Echo"));
        JsonNode reply = JSON.readTree(response.body());
        JsonNode event = reply.get("event");
        assertEquals("/items/{id}", event.get("resource").asText());
        assertEquals("/items/a b", event.get("path").asText());
        assertEquals("GET", event.get("httpMethod").asText());
        assertEquals("a b", event.get("pathParameters").get("id").asText());
        assertEquals("2", event.get("queryStringParameters").get("x").asText());
        assertEquals("z&w", event.get("queryStringParameters").get("y").asText());
        assertEquals(List.of("1", "2"), JSON.convertValue(event.get("multiValueQueryStringParameters").get("x"), List.class));
        assertEquals("one", event.get("headers").get("x-test").asText());
        assertEquals("one", event.get("multiValueHeaders").get("x-test").get(0).asText());
        assertTrue(event.get("stageVariables").isNull());
        assertTrue(event.get("body").isNull());
        JsonNode context = event.get("requestContext");
        assertEquals("test", context.get("stage").asText());
        assertEquals("/items/{id}", context.get("resourcePath").asText());
        assertEquals("GET", context.get("httpMethod").asText());
        assertEquals("/test/items/a b", context.get("path").asText());
        assertEquals("127.0.0.1", context.get("identity").get("sourceIp").asText());
        assertEquals(response.headers().firstValue("x-amzn-RequestId").orElseThrow(),
                context.get("requestId").asText());
        assertEquals("sticker-local-EchoFunction", reply.get("functionName").asText());
        int remaining = reply.get("remainingMillis").asInt();
        assertTrue(remaining > 0 && remaining <= 5000, "remaining " + remaining);
        assertEquals("sticker-local-ItemsTable", reply.get("table").asText());
    }

    @Test
    void greedyParameterTakesTheRestOfThePathForAnyMethod() throws Exception {
        JsonNode event = echo(HttpRequest.newBuilder(api("/files/a/b/c.txt")).DELETE().build());
        assertEquals("/files/{key+}", event.get("resource").asText());
        assertEquals("a/b/c.txt", event.get("pathParameters").get("key").asText());
        assertEquals("DELETE", event.get("httpMethod").asText());
    }

    @Test
    void literalSegmentBeatsParameterAndMethodMustMatchThatResource() throws Exception {
        JsonNode event = echo(HttpRequest.newBuilder(api("/items/special")).PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals("/items/special", event.get("resource").asText());
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(api("/items/special"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, post.statusCode());
    }

    @Test
    void textBodyArrivesAsUtf8Text() throws Exception {
        JsonNode event = echo(HttpRequest.newBuilder(api("/items")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"é\"}")).build());
        assertEquals("{\"name\":\"é\"}", event.get("body").asText());
        assertFalse(event.get("isBase64Encoded").asBoolean());
    }

    @Test
    void binaryBodiesTravelAsBase64BothWays() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff, (byte) 0xfe, 10, 13};
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(api("/files/pic.png"))
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(png)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals("image/png", response.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(png, response.body());
        HttpResponse<byte[]> octets = HTTP.send(HttpRequest.newBuilder(api("/files/blob"))
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(png)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertArrayEquals(png, octets.body());
    }

    @Test
    void unknownRouteIsMissingAuthenticationToken() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api("/nowhere")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
        assertEquals("Missing Authentication Token", JSON.readTree(response.body()).get("message").asText());
    }

    @Test
    void corsPreflightIsAnsweredWithTheApisSettings() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api("/items/1"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("GET,OPTIONS", response.headers().firstValue("Access-Control-Allow-Methods").orElseThrow());
        assertEquals("Content-Type,X-Test", response.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());
        assertEquals("600", response.headers().firstValue("Access-Control-Max-Age").orElseThrow());
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(api("/nowhere"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, unknown.statusCode());
    }

    @Test
    void handlerNamedAsClassAndMethodIsInvoked() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api("/method/ana")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("hello ana", response.body());
    }

    @Test
    void handlerExceptionIsInternalServerErrorWithoutDetails() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(api("/items/boom")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(502, response.statusCode());
        assertEquals("Internal server error", JSON.readTree(response.body()).get("message").asText());
        assertFalse(response.body().contains("secret"));
    }

    @Test
    void pathWithStagePrefixIsServedToo() throws Exception {
        JsonNode event = echo(HttpRequest.newBuilder(api("/test/items/7")).GET().build());
        assertEquals("/items/7", event.get("path").asText());
        assertEquals("7", event.get("pathParameters").get("id").asText());
    }

    @Test
    void onlyReportedFailuresAreRedeliveredThenDeadLettered() throws Exception {
        String queue = cloud.physicalName("WorkQueue");
        cloud.clients().sqs().sendMessage(b -> b.queueUrl(queue).messageBody("ok-1"));
        cloud.clients().sqs().sendMessage(b -> b.queueUrl(queue).messageBody("fail-1"));

        awaitTrue(() -> receivedCount("fail-1") >= 2, Duration.ofSeconds(20));
        List<Message> dead = List.of();
        long deadline = System.currentTimeMillis() + 20_000;
        while (dead.isEmpty() && System.currentTimeMillis() < deadline) {
            dead = cloud.clients().sqs().receiveMessage(b -> b.queueUrl(cloud.physicalName("WorkDeadLetterQueue"))
                    .waitTimeSeconds(1)).messages();
        }
        assertEquals(1, dead.size());
        assertEquals("fail-1", dead.get(0).body());
        assertEquals(1, receivedCount("ok-1"));
        assertEquals(2, receivedCount("fail-1"));
        List<SQSEvent.SQSMessage> deliveries = FailingBatchHandler.RECEIVED.stream()
                .filter(m -> m.getBody().equals("fail-1")).toList();
        assertEquals(List.of("1", "2"), deliveries.stream()
                .map(m -> m.getAttributes().get("ApproximateReceiveCount")).toList());
        assertEquals("aws:sqs", deliveries.get(0).getEventSource());
        assertEquals("arn:aws:sqs:us-east-1:000000000000:sticker-local-WorkQueue", deliveries.get(0).getEventSourceArn());
        assertEquals(deliveries.get(0).getMessageId(), deliveries.get(1).getMessageId());
    }

    @Test
    void storedObjectsMatchingAnS3EventAreDeliveredAsS3Notifications() throws Exception {
        String bucket = cloud.physicalName("FilesBucket");
        var s3 = cloud.clients().s3();
        s3.putObject(b -> b.bucket(bucket).key("drop/not-a-png.jpg"), RequestBody.fromString("x"));
        s3.putObject(b -> b.bucket(bucket).key("elsewhere/photo.png"), RequestBody.fromString("x"));
        String eTag = s3.putObject(b -> b.bucket(bucket).key("drop/team/my photo.png"),
                RequestBody.fromString("a photo")).eTag().replace("\"", "");
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("drop/team/my photo.png")
                .destinationBucket(bucket).destinationKey("drop/copy.png"));

        awaitTrue(() -> deliveries("drop/copy.png").size() == 1, Duration.ofSeconds(10));

        var put = deliveries("drop/team/my photo.png");
        assertEquals(1, put.size());
        var record = put.get(0);
        assertEquals("ObjectCreated:Put", record.getEventName());
        assertEquals("aws:s3", record.getEventSource());
        assertEquals("us-east-1", record.getAwsRegion());
        assertEquals(bucket, record.getS3().getBucket().getName());
        assertEquals("arn:aws:s3:::" + bucket, record.getS3().getBucket().getArn());
        assertEquals("drop/team/my+photo.png", record.getS3().getObject().getKey());
        assertEquals(7L, record.getS3().getObject().getSizeAsLong());
        assertEquals(eTag, record.getS3().getObject().geteTag());
        assertFalse(record.getS3().getObject().getSequencer().isEmpty());
        assertEquals("ObjectCreated:Copy", deliveries("drop/copy.png").get(0).getEventName());
        assertTrue(deliveries("drop/not-a-png.jpg").isEmpty(), "suffix filter");
        assertTrue(deliveries("elsewhere/photo.png").isEmpty(), "prefix filter");
    }

    @Test
    void aFailedS3DeliveryIsRetriedAsLambdaRetriesAsynchronousInvocations() throws Exception {
        String bucket = cloud.physicalName("FilesBucket");

        cloud.clients().s3().putObject(b -> b.bucket(bucket).key("drop/fail.png"), RequestBody.fromString("x"));

        awaitTrue(() -> deliveries("drop/fail.png").size() == 2, Duration.ofSeconds(10));
        var sequencers = deliveries("drop/fail.png").stream().map(r -> r.getS3().getObject().getSequencer()).toList();
        assertEquals(sequencers.get(0), sequencers.get(1), "the same event, delivered again");
    }

    private static List<S3EventNotificationRecord> deliveries(String key) {
        return RecordingS3Handler.RECEIVED.stream()
                .filter(r -> r.getS3().getObject().getUrlDecodedKey().equals(key)).toList();
    }

    private static long receivedCount(String body) {
        return FailingBatchHandler.RECEIVED.stream().filter(m -> m.getBody().equals(body)).count();
    }

    static void awaitTrue(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(50);
        }
    }

    private static JsonNode echo(HttpRequest request) throws Exception {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("event");
    }

    private static URI api(String pathAndQuery) {
        return URI.create(cloud.apiUrl() + pathAndQuery);
    }
}
