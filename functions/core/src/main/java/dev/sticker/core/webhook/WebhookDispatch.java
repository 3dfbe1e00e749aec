package dev.sticker.core.webhook;

import dev.sticker.core.port.CompletionListener;
import dev.sticker.core.port.DeliveryQueue;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.request.StickerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Queues the first delivery of a completed request's webhook. The job goes on the queue first and is then marked on
 * the request (QUEUED): if queueing fails, the request carries no mark, and the replay of whatever completed it
 * queues the delivery then. A crash between the two queues it twice at worst, and the conditional attempt record
 * lets only one of the two deliveries go on.
 */
public final class WebhookDispatch implements CompletionListener {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatch.class);

    private final RequestStore store;
    private final DeliveryQueue queue;
    private final Clock clock;

    public WebhookDispatch(RequestStore store, DeliveryQueue queue, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public void completed(StickerRequest request) {
        if (request.webhookUrl() != null) {
            dispatch(request);
        }
    }

    @Override
    public void replayed(StickerRequest request) {
        if (request.webhookUrl() != null && store.webhookLog(request.id()).isEmpty()) {
            LOG.info("webhook delivery was never queued, queueing it now requestId={}", request.id());
            dispatch(request);
        }
    }

    private void dispatch(StickerRequest request) {
        queue.enqueue(new DeliveryJob(request.id(), 1, clock.instant()), Duration.ZERO);
        boolean marked = store.markWebhookQueued(request.id());
        LOG.info("webhook delivery queued requestId={} first={}", request.id(), marked);
    }
}
