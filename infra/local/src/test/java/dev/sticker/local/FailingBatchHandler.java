package dev.sticker.local;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

/** Test SQS handler: reports as failed every message whose body starts with "fail"; remembers what it saw. */
public final class FailingBatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    static final List<SQSEvent.SQSMessage> RECEIVED = new CopyOnWriteArrayList<>();

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        RECEIVED.addAll(event.getRecords());
        List<SQSBatchResponse.BatchItemFailure> failures = event.getRecords().stream()
                .filter(m -> m.getBody().startsWith("fail"))
                .map(m -> new SQSBatchResponse.BatchItemFailure(m.getMessageId()))
                .toList();
        return new SQSBatchResponse(failures);
    }
}
