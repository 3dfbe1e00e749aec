package dev.sticker.core.aws;

import dev.sticker.core.port.JobQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Jobs as SQS messages whose body is {@link JobMessage}'s JSON. */
public final class SqsJobQueue implements JobQueue {

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsJobQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(String requestId) {
        sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(JobMessage.body(requestId)));
    }
}
