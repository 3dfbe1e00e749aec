package dev.sticker.system;

import dev.sticker.core.aws.SdkClients;
import dev.sticker.settings.Config;
import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.aws.SqsJobQueue;
import dev.sticker.core.config.Settings;
import dev.sticker.core.request.Billing;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A job that fails on every delivery is dead-lettered after maxReceiveCount receives and its request still ends,
 * COMPLETED with an error. A cloud of its own, with visibility timeouts scaled down so retries take seconds.
 */
class DeadLetterTest {

    private static final double SHORT_VISIBILITY = 0.01;
    private static LocalCloud cloud;
    private static QueueClient api;
    private static SdkClients aws;

    @BeforeAll
    static void startCloud() {
        cloud = LocalCloud.start(new LocalCloudOptions(TestClouds.template(), null, 0, true,
                Map.of(), SHORT_VISIBILITY));
        api = new QueueClient(cloud.apiUrl(), LocalAccount.ensure(cloud));
        aws = new SdkClients(Config.system());
    }

    @AfterAll
    static void stopCloud() {
        aws.close();
        cloud.close();
    }

    @Test
    void jobThatAlwaysFailsEndsItsRequestWithAnErrorThroughTheDeadLetterQueue() {
        Settings settings = Settings.load();
        DynamoRequestStore store = new DynamoRequestStore(aws.dynamo(), settings.table());
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        // A record the worker cannot read: every delivery throws, as when a dependency is down for good.
        Billing billing = new Billing(LocalAccount.ID, "dead-letter-test", "test", BigDecimal.ONE, 0, 0);
        store.create(new StickerRequest(id, "fal-ai/face-to-sticker", Status.IN_QUEUE, billing, "{\"corrupt\":true}",
                1, null, null, List.of(), null, 0, 0, false, null, List.of(), now, null, null, null, null,
                now.plus(Duration.ofDays(1)).getEpochSecond()));

        new SqsJobQueue(aws::sqs, settings.jobQueueUrl()).enqueue(id, Duration.ZERO);

        Await.completed(api, id, Duration.ofSeconds(90));
        QueueClient.Reply result = api.result(id);
        assertEquals(500, result.status(), result.json().toString());
        assertTrue(result.text("detail").startsWith("generation failed after"), result.json().toString());
        assertTrue(store.find(id).orElseThrow().attempts() >= 1);
    }
}
