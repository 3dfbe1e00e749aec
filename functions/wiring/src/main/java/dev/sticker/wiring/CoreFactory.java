package dev.sticker.wiring;

import dev.sticker.core.aws.AwsClients;
import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.aws.S3ObjectStore;
import dev.sticker.core.aws.SqsDeliveryQueue;
import dev.sticker.core.config.Settings;
import dev.sticker.core.ingest.StickerExport;
import dev.sticker.core.port.CompletionListener;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.service.Completion;
import dev.sticker.core.webhook.WebhookDispatch;
import dev.sticker.core.webhook.WebhookSettings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/**
 * What every function needs, built once at init (so SnapStart snapshots it): settings, the AWS adapters, and
 * completion with its listeners (the S3 export and, where the template declares the delivery queue, the webhook).
 */
@Factory
class CoreFactory {

    @Singleton
    Settings settings() {
        return Settings.load();
    }

    @Singleton
    WebhookSettings webhookSettings() {
        return WebhookSettings.load();
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
    @Requires(condition = WebhookQueueConfigured.class)
    CompletionListener webhookDispatch(RequestStore store, AwsClients aws, WebhookSettings webhooks, Clock clock) {
        return new WebhookDispatch(store, new SqsDeliveryQueue(aws.sqs(), webhooks.queueUrl()), clock);
    }
}
