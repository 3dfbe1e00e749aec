package dev.sticker.worker;

import dev.sticker.core.port.JobQueue;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.DeadLetterService;
import dev.sticker.core.service.FailOver;
import dev.sticker.core.sweep.SweepSettings;
import dev.sticker.core.sweep.Sweeper;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * What the queue and scheduled handlers add to the shared wiring (settings, adapters, completion): the dead-letter
 * service and the sweeper. The engine and job runner come from {@link GenerationFactory}, only where a
 * job handler runs.
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

    @Singleton
    Sweeper sweeper(RequestStore store, JobQueue queue, Completion completion, FailOver failOver,
                    SweepSettings settings, Clock clock) {
        return new Sweeper(store, queue, completion, failOver, settings, clock);
    }
}
