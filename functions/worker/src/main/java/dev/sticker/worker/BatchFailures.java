package dev.sticker.worker;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * SQS partial batch responses: each message is processed on its own; one that is not done, or whose processing
 * throws (infrastructure failed), is reported so SQS redelivers only that one.
 */
final class BatchFailures {

    private static final Logger LOG = LoggerFactory.getLogger(BatchFailures.class);

    private BatchFailures() {
    }

    /** @param done processes a message; true when it may be deleted from the queue */
    static SQSBatchResponse collect(SQSEvent event, Predicate<SQSEvent.SQSMessage> done) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : messages) {
            boolean deletable;
            try {
                deletable = done.test(message);
            } catch (RuntimeException e) {
                LOG.error("message failed, will be retried messageId={}", message.getMessageId(), e);
                deletable = false;
            }
            if (!deletable) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
