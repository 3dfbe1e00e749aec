package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.settings.Config;
import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.aws.SqsJobQueue;
import dev.sticker.core.config.Settings;
import dev.sticker.core.request.StickerRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** SQS delivers at least once: the same job twice must still give one generation and one result. */
class DuplicateDeliveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static QueueClient api;
    private static SdkClients aws;
    private static Settings settings;

    @BeforeAll
    static void startCloud() {
        api = TestKeys.adminClient();
        aws = new SdkClients(Config.system());
        settings = Settings.load();
    }

    @Test
    void jobDeliveredTwiceRunsOnceAndKeepsItsFirstResult() {
        String input = LifecycleTest.seedExample(Photos.dataUri("image/png", Photos.astronautPng()))
                .put("image_size", "square").toString();
        QueueClient.Reply submitted = api.submit(input);
        assertEquals(200, submitted.status(), submitted.json().toString());
        String id = submitted.text("request_id");

        JsonNode status = Await.completed(api, id, TIMEOUT).json();
        JsonNode firstResult = api.result(id).json();
        // Sent once the first delivery is done: one arriving while it runs is left on the queue (another delivery
        // holds the request) and comes back only after the job queue's visibility timeout, minutes away.
        new SqsJobQueue(aws::sqs, settings.jobQueueUrl()).enqueue(id, Duration.ZERO);
        awaitQueueDrained();
        StickerRequest stored = new DynamoRequestStore(aws.dynamo(), settings.table()).find(id).orElseThrow();
        assertEquals(1, stored.attempts(), "claimed once");
        assertEquals(1, StreamSupport.stream(api.status(id).json().path("logs").spliterator(), false)
                .filter(line -> line.path("message").asText().startsWith("claimed by a worker")).count(),
                "one claim in the logs: " + status);
        assertEquals(firstResult, api.result(id).json());
    }

    private static void awaitQueueDrained() {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Map<QueueAttributeName, String> attributes = aws.sqs().getQueueAttributes(get -> get
                    .queueUrl(settings.jobQueueUrl())
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            if (attributes.values().stream().allMatch("0"::equals)) {
                return;
            }
            QueueClient.pause(Duration.ofMillis(100));
        }
        throw new AssertionError("the job queue never drained");
    }
}
