package dev.sticker.core.aws;

import dev.sticker.core.webhook.DeliveryJob;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqsDeliveryQueueTest {

    @Test
    void jobTravelsThroughSqsAndADelayedOneStaysHidden() {
        var sqs = LocalAws.clients().sqs();
        String url = sqs.createQueue(q -> q.queueName("delivery-" + UUID.randomUUID())).queueUrl();
        try {
            SqsDeliveryQueue queue = new SqsDeliveryQueue(() -> sqs, url);
            DeliveryJob now = new DeliveryJob("r-1", 1, Instant.parse("2026-03-01T12:00:00.250Z"));
            DeliveryJob later = new DeliveryJob("r-2", 2, Instant.parse("2026-03-01T12:00:15Z"));

            queue.enqueue(now, Duration.ZERO);
            queue.enqueue(later, Duration.ofSeconds(30));

            List<Message> visible = sqs.receiveMessage(r -> r.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            assertEquals(List.of(Optional.of(now)), visible.stream().map(m -> SqsDeliveryQueue.job(m.body())).toList());
        } finally {
            sqs.deleteQueue(d -> d.queueUrl(url));
        }
    }

    @Test
    void bodiesThatAreNotDeliveriesAreRecognised() {
        assertTrue(SqsDeliveryQueue.job("{\"request_id\":\"r\"}").isEmpty());
        assertTrue(SqsDeliveryQueue.job("{\"request_id\":\"r\",\"attempt\":0,\"not_before\":1}").isEmpty());
        assertTrue(SqsDeliveryQueue.job("not json").isEmpty());
        assertEquals(Optional.of(new DeliveryJob("r", 3, Instant.ofEpochSecond(1_700_000_000))),
                SqsDeliveryQueue.job(SqsDeliveryQueue.body(new DeliveryJob("r", 3, Instant.ofEpochSecond(1_700_000_000)))));
    }
}
