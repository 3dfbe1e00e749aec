package dev.sticker.worker;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.sticker.core.aws.JobMessage;
import dev.sticker.core.service.DeadLetterService;
import io.micronaut.context.ApplicationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/** Consumes the dead-letter queue: each job that ran out of retries completes its request with an error. */
public final class DeadLetterHandler extends QueueFunction {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
    private static final String RECEIVE_COUNT = "ApproximateReceiveCount";

    private final DeadLetterService deadLetters;

    /** Used by Lambda. */
    public DeadLetterHandler() {
        this(startContext());
    }

    private DeadLetterHandler(ApplicationContext beans) {
        this(beans, beans.getBean(DeadLetterService.class));
    }

    public DeadLetterHandler(DeadLetterService deadLetters) {
        this(null, deadLetters);
    }

    private DeadLetterHandler(ApplicationContext beans, DeadLetterService deadLetters) {
        super(beans);
        this.deadLetters = deadLetters;
    }

    @Override
    boolean process(SQSEvent.SQSMessage message) {
        Optional<String> requestId = JobMessage.requestId(message.getBody());
        if (requestId.isEmpty()) {
            LOG.error("dead job message without a request id dropped messageId={}", message.getMessageId());
            return true;
        }
        boolean ended = deadLetters.handle(requestId.get(), receiveCount(message));
        LOG.warn("dead job requestId={} messageId={} ended={}", requestId.get(), message.getMessageId(), ended);
        return true;
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        String count = message.getAttributes() == null ? null : message.getAttributes().get(RECEIVE_COUNT);
        try {
            return count == null ? 0 : Integer.parseInt(count);
        } catch (NumberFormatException unreadable) {
            return 0;
        }
    }
}
