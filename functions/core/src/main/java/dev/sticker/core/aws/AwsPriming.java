package dev.sticker.core.aws;

import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.Transition;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

import java.util.Map;

/**
 * The adapters' side of priming: a request mapped to its DynamoDB item and back, and the SDK request objects the
 * adapters send, built but never sent (the clients themselves were created at init). No call leaves the process.
 */
public final class AwsPriming {

    private AwsPriming() {
    }

    /** Builds what storing, reading and queueing the request would send; returns the request as read back. */
    public static StickerRequest marshal(StickerRequest request, String table, String queueUrl) {
        PutItemRequest put = TransitionExpressions.condition(Transition.CREATE)
                .applyTo(PutItemRequest.builder().tableName(table).item(RequestItems.toItem(request))).build();
        GetItemRequest.builder().tableName(table).key(Map.of(RequestItems.ID, RequestItems.s(request.id())))
                .consistentRead(true).build();
        SendMessageRequest send = SendMessageRequest.builder().queueUrl(queueUrl)
                .messageBody(JobMessage.body(request.id())).build();
        if (!JobMessage.requestId(send.messageBody()).orElseThrow().equals(request.id())) {
            throw new IllegalStateException("the job message does not name its request: " + send.messageBody());
        }
        return RequestItems.fromItem(put.item());
    }
}
