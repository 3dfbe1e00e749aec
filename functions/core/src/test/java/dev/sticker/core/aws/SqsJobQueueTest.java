package dev.sticker.core.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqsJobQueueTest {

    @Test
    void enqueuedJobArrivesAsAMessageNamingTheRequest() {
        SqsClient sqs = LocalAws.clients().sqs();
        // A queue of its own, so the local cloud's workers never take this message first.
        String queueUrl = sqs.createQueue(create -> create.queueName("job-queue-test-" + UUID.randomUUID()))
                .queueUrl();
        String requestId = UUID.randomUUID().toString();

        new SqsJobQueue(() -> sqs, queueUrl).enqueue(requestId, Duration.ZERO);

        List<Message> messages = sqs.receiveMessage(receive -> receive.queueUrl(queueUrl)
                .maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
        assertEquals(1, messages.size());
        assertEquals(Optional.of(requestId), JobMessage.requestId(messages.get(0).body()));
        sqs.deleteQueue(delete -> delete.queueUrl(queueUrl));
    }

    @Test
    void delayedJobArrivesOnlyAfterItsDelay() {
        SqsClient sqs = LocalAws.clients().sqs();
        String queueUrl = sqs.createQueue(create -> create.queueName("job-queue-test-" + UUID.randomUUID()))
                .queueUrl();

        new SqsJobQueue(() -> sqs, queueUrl).enqueue(UUID.randomUUID().toString(), Duration.ofSeconds(2));

        assertTrue(sqs.receiveMessage(receive -> receive.queueUrl(queueUrl).waitTimeSeconds(1)).messages().isEmpty(),
                "not before its delay");
        assertEquals(1, sqs.receiveMessage(receive -> receive.queueUrl(queueUrl).waitTimeSeconds(5)).messages().size());
        sqs.deleteQueue(delete -> delete.queueUrl(queueUrl));
    }

    @Test
    void bodyThatIsNotAJobMessageHasNoRequestId() {
        assertEquals(Optional.empty(), JobMessage.requestId("not json"));
        assertEquals(Optional.empty(), JobMessage.requestId("{\"other\":1}"));
        assertEquals(Optional.empty(), JobMessage.requestId("{\"request_id\":\"\"}"));
        assertEquals(Optional.empty(), JobMessage.requestId(null));
    }
}
