package dev.sticker.worker;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.sticker.core.aws.SqsDeliveryQueue;
import dev.sticker.core.webhook.DeliveryJob;
import dev.sticker.core.webhook.DeliveryOutcome;
import dev.sticker.core.webhook.WebhookDelivery;
import io.micronaut.context.ApplicationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Delivers callers' webhooks from the delivery queue, one attempt per message; retries travel as new, delayed
 * messages, so every outcome deletes its message. Only a failure of the store or the queue (an exception) leaves the
 * message for SQS to redeliver. Its context never loads the engine.
 */
public final class DeliveryHandler extends QueueFunction {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryHandler.class);

    private final WebhookDelivery delivery;

    /** Used by Lambda. */
    public DeliveryHandler() {
        this(startContext());
    }

    private DeliveryHandler(ApplicationContext beans) {
        this(beans, beans.getBean(WebhookDelivery.class));
    }

    public DeliveryHandler(WebhookDelivery delivery) {
        this(null, delivery);
    }

    private DeliveryHandler(ApplicationContext beans, WebhookDelivery delivery) {
        super(beans);
        this.delivery = delivery;
    }

    @Override
    boolean process(SQSEvent.SQSMessage message) {
        Optional<DeliveryJob> job = SqsDeliveryQueue.job(message.getBody());
        if (job.isEmpty()) {
            LOG.error("delivery message without a job dropped messageId={}", message.getMessageId());
            return true;
        }
        DeliveryOutcome outcome = delivery.deliver(job.get());
        LOG.info("webhook delivery handled requestId={} attempt={} outcome={}", job.get().requestId(),
                job.get().attempt(), outcome);
        return true;
    }
}
