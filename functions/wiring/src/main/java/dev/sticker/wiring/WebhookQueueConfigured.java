package dev.sticker.wiring;

import dev.sticker.core.webhook.WebhookSettings;
import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/** True where the template declares the webhook delivery queue (STICKER_WEBHOOK_QUEUE_URL). */
public final class WebhookQueueConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context) {
        return !WebhookSettings.load().queueUrl().isEmpty();
    }
}
