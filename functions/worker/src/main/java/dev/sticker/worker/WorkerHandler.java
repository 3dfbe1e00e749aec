package dev.sticker.worker;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.sticker.core.aws.JobMessage;
import dev.sticker.core.service.JobOutcome;
import dev.sticker.core.service.JobRunner;
import io.micronaut.context.ApplicationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Runs generation jobs from the job queue. A message is reported failed (so SQS redelivers it and, in the end,
 * dead-letters it) only when infrastructure failed or another delivery still holds the request; a generation that
 * fails for the input's sake completes the request with that error and the message is done.
 */
public final class WorkerHandler extends QueueFunction {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerHandler.class);

    private final JobRunner jobs;

    /** Used by Lambda. */
    public WorkerHandler() {
        this(startContext(GenerationFactory.ENVIRONMENT));
    }

    private WorkerHandler(ApplicationContext beans) {
        this(beans, beans.getBean(JobRunner.class));
    }

    public WorkerHandler(JobRunner jobs) {
        this(null, jobs);
    }

    private WorkerHandler(ApplicationContext beans, JobRunner jobs) {
        super(beans);
        this.jobs = jobs;
    }

    @Override
    boolean process(SQSEvent.SQSMessage message) {
        Optional<String> requestId = JobMessage.requestId(message.getBody());
        if (requestId.isEmpty()) {
            // No retry can make it readable; failing it would only delay the dead-letter queue.
            LOG.error("job message without a request id dropped messageId={}", message.getMessageId());
            return true;
        }
        JobOutcome outcome = jobs.run(requestId.get());
        LOG.info("job finished requestId={} messageId={} outcome={}", requestId.get(), message.getMessageId(),
                outcome);
        return outcome.acknowledge();
    }
}
