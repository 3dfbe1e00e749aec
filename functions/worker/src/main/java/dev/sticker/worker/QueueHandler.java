package dev.sticker.worker;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.function.aws.MicronautRequestHandler;

/**
 * An SQS handler with partial batch responses whose context holds the worker's beans only: where every function
 * shares one classpath (the local cloud), the API's beans stay out of it.
 */
public abstract class QueueHandler extends MicronautRequestHandler<SQSEvent, SQSBatchResponse> {

    protected QueueHandler() {
    }

    protected QueueHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return super.newApplicationContextBuilder().environments(environments());
    }

    /** The Micronaut environments whose beans this handler's context holds; called before any field is set. */
    protected String[] environments() {
        return new String[]{WorkerFactory.ENVIRONMENT};
    }
}
