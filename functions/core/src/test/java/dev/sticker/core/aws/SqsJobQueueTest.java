package dev.sticker.core.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqsJobQueueTest {

    @Test
    void enqueuedJobArrivesAsAMessageNamingTheRequest() {
        SqsClient sqs = LocalAws.clients().sqs();
        // A queue of its own, so the local cloud's workers never take this message first.
        String queueUrl = sqs.createQueue(create -> create.queueName("job-queue-test-" + UUID.randomUUID()))
                .queueUrl();
        String requestId = UUID.randomUUID().toString();

        new SqsJobQueue(() -> sqs, queueUrl).enqueue(requestId);

        List<Message> messages = sqs.receiveMessage(receive -> receive.queueUrl(queueUrl)
                .maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
        assertEquals(1, messages.size());
        assertEquals(Optional.of(requestId), JobMessage.requestId(messages.get(0).body()));
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
