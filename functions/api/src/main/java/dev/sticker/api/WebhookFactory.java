package dev.sticker.api;

import dev.sticker.core.aws.AwsClients;
import dev.sticker.core.aws.SqsDeliveryQueue;
import dev.sticker.core.aws.WebhookKeyParameter;
import dev.sticker.core.port.CompletionListener;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.webhook.WebhookDispatch;
import dev.sticker.core.webhook.WebhookSettings;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/**
 * Webhooks on the API side: a cancel or a remote-worker callback that completes a request queues the caller's
 * webhook; the JWKS route publishes the signing key's public half (none when no key is configured).
 */
@Factory
@Requires(env = ApiFactory.ENVIRONMENT)
class WebhookFactory {

    @Singleton
    WebhookSettings webhookSettings() {
        return WebhookSettings.load();
    }

    @Singleton
    @Requires(condition = WebhookQueueConfigured.class)
    CompletionListener webhookDispatch(RequestStore store, AwsClients aws, WebhookSettings webhooks, Clock clock) {
        return new WebhookDispatch(store, new SqsDeliveryQueue(aws.sqs(), webhooks.queueUrl()), clock);
    }

    @Singleton
    PublishedKeys publishedKeys(AwsClients aws, WebhookSettings webhooks) {
        return new PublishedKeys(WebhookKeyParameter.resolve(webhooks, aws.ssm()).map(List::of).orElse(List.of()));
    }
}
