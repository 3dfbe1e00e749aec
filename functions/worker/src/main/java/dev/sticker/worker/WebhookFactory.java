package dev.sticker.worker;

import dev.sticker.core.aws.AwsClients;
import dev.sticker.core.aws.SqsDeliveryQueue;
import dev.sticker.core.aws.WebhookKeyParameter;
import dev.sticker.core.config.Settings;
import dev.sticker.core.guard.RequestForgeryGuard;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.webhook.HttpWebhookSender;
import dev.sticker.core.webhook.WebhookDelivery;
import dev.sticker.core.webhook.WebhookSettings;
import dev.sticker.core.webhook.WebhookSigner;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.wiring.WebhookQueueConfigured;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The delivery handler's service, which signs and posts callers' webhooks (the completion listener that queues them
 * is shared wiring). Only where the template declares a delivery queue; the signing key is read once, at init.
 */
@Factory
@Requires(env = WorkerFactory.ENVIRONMENT)
@Requires(condition = WebhookQueueConfigured.class)
class WebhookFactory {

    @Singleton
    WebhookDelivery webhookDelivery(RequestStore store, AwsClients aws, WebhookSettings webhooks, Settings settings,
                                    Clock clock) {
        WebhookSigner signer = new WebhookSigner(WebhookKeyParameter.resolve(webhooks, aws.parameters())
                .orElseThrow(() -> new IllegalStateException("webhook delivery needs its signing key: "
                        + WebhookSettings.KEY + " or the SSM parameter named by " + WebhookSettings.KEY_PARAMETER)));
        ApiUrls urls = new ApiUrls(webhooks.apiUrl().or(settings::configuredPublicUrl)
                .orElseThrow(() -> new IllegalStateException("webhook payloads need the API's URL: "
                        + WebhookSettings.API_URL + " or " + Settings.PUBLIC_URL)));
        return new WebhookDelivery(store, new SqsDeliveryQueue(aws.sqs(), webhooks.queueUrl()),
                new HttpWebhookSender(new RequestForgeryGuard(settings.urlAllowlist())), signer, urls,
                webhooks.backoff(), clock);
    }
}
