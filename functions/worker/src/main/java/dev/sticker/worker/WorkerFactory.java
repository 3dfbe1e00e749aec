package dev.sticker.worker;

import dev.sticker.core.port.RequestStore;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.DeadLetterService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/**
 * What the queue handlers add to the shared wiring (settings, adapters, completion): the dead-letter service. The
 * engine and job runner come from {@link GenerationFactory}, only where a job handler runs.
 */
@Factory
@Requires(env = WorkerFactory.ENVIRONMENT)
class WorkerFactory {

    /** The Micronaut environment the queue handlers run in. */
    static final String ENVIRONMENT = "sticker-worker";

    @Singleton
    DeadLetterService deadLetterService(RequestStore store, Completion completion) {
        return new DeadLetterService(store, completion);
    }
}
