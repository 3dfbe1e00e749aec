package dev.sticker.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.sticker.wiring.MicronautFunction;
import io.micronaut.context.ApplicationContext;

/**
 * An SQS function with partial batch responses: each message is processed on its own and only those not done are
 * reported for redelivery ({@link BatchFailures}).
 */
public abstract class QueueFunction extends MicronautFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    QueueFunction(ApplicationContext context) {
        super(context);
    }

    /** The queue functions' beans; the job function adds {@link GenerationFactory#ENVIRONMENT} for the engine's. */
    static ApplicationContext startContext(String... moreEnvironments) {
        String[] environments = new String[moreEnvironments.length + 1];
        environments[0] = WorkerFactory.ENVIRONMENT;
        System.arraycopy(moreEnvironments, 0, environments, 1, moreEnvironments.length);
        return start(environments);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return BatchFailures.collect(event, this::process);
    }

    /** Processes one message; true when it may be deleted from the queue. */
    abstract boolean process(SQSEvent.SQSMessage message);
}
