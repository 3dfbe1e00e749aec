package dev.sticker.worker;

import dev.sticker.core.aws.AwsClients;
import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.aws.S3ObjectStore;
import dev.sticker.core.config.Settings;
import dev.sticker.core.ingest.StickerExport;
import dev.sticker.core.port.CompletionListener;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.DeadLetterService;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/** Builds what every queue handler needs once, at init: settings, the AWS adapters and completion. */
@Factory
@Requires(env = WorkerFactory.ENVIRONMENT)
class WorkerFactory {

    /** The Micronaut environment the queue handlers run in. */
    static final String ENVIRONMENT = "sticker-worker";

    @Singleton
    Settings settings() {
        return Settings.load();
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    @Bean(preDestroy = "close")
    AwsClients awsClients() {
        return AwsClients.fromEnvironment();
    }

    @Singleton
    RequestStore requestStore(AwsClients aws, Settings settings) {
        return new DynamoRequestStore(aws.dynamo(), settings.table());
    }

    @Singleton
    ObjectStore objectStore(AwsClients aws, Settings settings) {
        return new S3ObjectStore(aws.s3(), aws.presigner(), settings.bucket());
    }

    @Singleton
    Completion completion(RequestStore store, ObjectStore objects, List<CompletionListener> listeners, Clock clock) {
        return new Completion(store, objects, listeners, clock);
    }

    @Singleton
    StickerExport stickerExport(ObjectStore objects) {
        return new StickerExport(objects);
    }

    @Singleton
    DeadLetterService deadLetterService(RequestStore store, Completion completion) {
        return new DeadLetterService(store, completion);
    }
}
