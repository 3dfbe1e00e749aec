package dev.sticker.worker;

import dev.sticker.core.aws.SdkClients;
import dev.sticker.core.aws.SqsJobQueue;
import dev.sticker.core.config.Settings;
import dev.sticker.core.port.JobQueue;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.DeadLetterService;
import dev.sticker.core.sweep.SweepSettings;
import dev.sticker.core.sweep.Sweeper;
import dev.sticker.settings.Config;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * What the queue and scheduled handlers add to the shared wiring (settings, adapters, completion): the dead-letter
 * service, the job queue and the sweeper. The engine and job runner come from {@link GenerationFactory}, only where a
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
    SweepSettings sweepSettings(Config config) {
        return SweepSettings.from(config);
    }

    /** The job queue: the job function queues a job again to wait for a running slot; the sweeper, a lost one. */
    @Singleton
    JobQueue jobQueue(SdkClients clients, Settings settings) {
        return new SqsJobQueue(clients::sqs, settings.jobQueueUrl());
    }

    @Singleton
    Sweeper sweeper(RequestStore store, JobQueue queue, Completion completion, SweepSettings settings, Clock clock) {
        return new Sweeper(store, queue, completion, settings, clock);
    }
}
