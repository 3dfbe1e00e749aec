package dev.sticker.worker;

import dev.sticker.core.aws.SdkClients;
import dev.sticker.core.aws.SqsDeliveryQueue;
import dev.sticker.core.config.Secrets;
import dev.sticker.core.config.Settings;
import dev.sticker.core.guard.RequestForgeryGuard;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.webhook.HttpWebhookSender;
import dev.sticker.core.webhook.SigningKey;
import dev.sticker.core.webhook.WebhookDelivery;
import dev.sticker.core.webhook.WebhookSettings;
import dev.sticker.core.webhook.WebhookSigner;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.settings.Secret;
import dev.sticker.settings.Setting;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The delivery function's service, which signs and posts callers' webhooks (the completion listener that queues them
 * is shared wiring). The signing key is read once, at init; without it the function refuses to start.
 */
@Factory
@Requires(env = WorkerFactory.ENVIRONMENT)
class WebhookFactory {

    @Singleton
    WebhookDelivery webhookDelivery(RequestStore store, SdkClients clients, Secrets secrets, WebhookSettings webhooks,
                                    RequestForgeryGuard guard, Settings settings, Clock clock) {
        WebhookSigner signer = new WebhookSigner(secrets.read(Secret.WEBHOOK_KEY).map(SigningKey::fromPem)
                .orElseThrow(() -> new IllegalStateException("webhook delivery needs its signing key: "
                        + Setting.WEBHOOK_KEY.variable() + " or the SSM parameter named by "
                        + Setting.WEBHOOK_KEY_PARAMETER.variable())));
        ApiUrls urls = new ApiUrls(webhooks.apiUrl().or(settings::configuredPublicUrl)
                .orElseThrow(() -> new IllegalStateException("webhook payloads need the API's URL: "
                        + Setting.WEBHOOK_API_URL.variable() + " or " + Setting.PUBLIC_URL.variable())));
        return new WebhookDelivery(store, new SqsDeliveryQueue(clients::sqs, webhooks.queueUrl()),
                new HttpWebhookSender(guard), signer, urls, webhooks.backoff(), clock);
    }
}
