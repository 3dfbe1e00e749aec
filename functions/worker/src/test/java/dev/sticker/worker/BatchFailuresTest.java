package dev.sticker.worker;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BatchFailuresTest {

    @Test
    void onlyMessagesNotDoneOrThrowingAreReportedAsFailures() {
        SQSEvent event = event("done", "busy", "broken", "done-too");

        SQSBatchResponse response = BatchFailures.collect(event, message -> switch (message.getBody()) {
            case "busy" -> false;
            case "broken" -> throw new IllegalStateException("DynamoDB unreachable");
            default -> true;
        });

        assertEquals(List.of("id-busy", "id-broken"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
    }

    @Test
    void anEmptyEventHasNoFailures() {
        assertEquals(List.of(), BatchFailures.collect(new SQSEvent(), message -> false).getBatchItemFailures());
    }

    private static SQSEvent event(String... bodies) {
        SQSEvent event = new SQSEvent();
        event.setRecords(java.util.Arrays.stream(bodies).map(body -> {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("id-" + body);
            message.setBody(body);
            return message;
        }).toList());
        return event;
    }
}
