package dev.sticker.core.aws;

import dev.sticker.core.port.JobQueue;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Duration;
import java.util.function.Supplier;
/** Jobs as SQS messages whose body is {@link JobMessage}'s JSON. */
public final class SqsJobQueue implements JobQueue {

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    /** The client is asked for on each call, so it may be built on first use. */
    public SqsJobQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(String requestId, Duration delay) {
        int seconds = SqsDelays.seconds(delay);
        sqs.get().sendMessage(send -> send.queueUrl(queueUrl).messageBody(JobMessage.body(requestId))
                .delaySeconds(seconds));
    }
}
