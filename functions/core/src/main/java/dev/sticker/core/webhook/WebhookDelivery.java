package dev.sticker.core.webhook;

import dev.sticker.core.port.DeliveryQueue;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.port.WebhookSender;
import dev.sticker.core.port.WebhookSender.SendResult;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.FalWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Delivers a completed request's webhook, one attempt per queue message: build fal's payload, sign it, POST it, and
 * record the attempt on the request with a conditional write (the attempt count must still be the one before), so a
 * duplicate message cannot record twice or fork the retries. A failed attempt queues the next one after a backoff
 * that doubles each time, up to {@value #MAX_ATTEMPTS} attempts.
 */
public final class WebhookDelivery {

    public static final int MAX_ATTEMPTS = 10;
    /** The user id signed for requests that no account paid for (stored before accounts existed). */
    public static final String ANONYMOUS_USER = "anonymous";
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);

    private final RequestStore store;
    private final DeliveryQueue queue;
    private final WebhookSender sender;
    private final WebhookSigner signer;
    private final ApiUrls urls;
    private final Duration backoff;
    private final Clock clock;

    public WebhookDelivery(RequestStore store, DeliveryQueue queue, WebhookSender sender, WebhookSigner signer,
                           ApiUrls urls, Duration backoff, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.sender = sender;
        this.signer = signer;
        this.urls = urls;
        this.backoff = backoff;
        this.clock = clock;
    }

    /** The wait after failed attempt {@code attempt}: backoff, 2 x backoff, 4 x backoff, ... */
    public static Duration waitAfter(int attempt, Duration backoff) {
        return backoff.multipliedBy(1L << Math.min(attempt - 1, 30));
    }

    public DeliveryOutcome deliver(DeliveryJob job) {
        Instant now = clock.instant();
        if (now.isBefore(job.notBefore())) {
            return requeue(job, Duration.between(now, job.notBefore()));
        }
        Optional<StickerRequest> found = store.find(job.requestId());
        if (found.isEmpty() || found.get().webhookUrl() == null || found.get().status() != Status.COMPLETED) {
            LOG.warn("webhook delivery skipped requestId={} known={}", job.requestId(), found.isPresent());
            return new DeliveryOutcome.Skipped("no completed request with a webhook");
        }
        WebhookLog log = store.webhookLog(job.requestId())
                .orElse(new WebhookLog(WebhookState.QUEUED, List.of()));
        int done = log.attempts().size();
        if (log.state() != WebhookState.QUEUED || done > job.attempt()) {
            return new DeliveryOutcome.Skipped("attempt " + job.attempt() + " already ran");
        }
        if (done == job.attempt()) {
            return resume(job, log);
        }
        return attempt(found.get(), job.attempt(), now);
    }

    private DeliveryOutcome attempt(StickerRequest request, int number, Instant now) {
        byte[] body = FalWire.webhook(request, urls).getBytes(StandardCharsets.UTF_8);
        String userId = request.billing() != null ? request.billing().accountId() : ANONYMOUS_USER;
        Map<String, String> headers = signer.headers(request.id(), userId, now, body);
        long started = System.nanoTime();
        SendResult result = sender.post(request.webhookUrl(), headers, body);
        long millis = (System.nanoTime() - started) / 1_000_000;
        int status = result instanceof SendResult.Answered answered ? answered.status() : 0;
        boolean delivered = result instanceof SendResult.Answered answered && answered.delivered();
        String error = delivered ? null : describe(result);
        boolean last = number >= MAX_ATTEMPTS || result instanceof SendResult.Refused;
        WebhookState state = delivered ? WebhookState.DELIVERED : last ? WebhookState.GAVE_UP : WebhookState.QUEUED;
        WebhookAttempt attempt = new WebhookAttempt(number, now, status, error, millis);
        if (!store.recordWebhookAttempt(request.id(), attempt, state)) {
            LOG.info("webhook attempt recorded by another delivery requestId={} attempt={}", request.id(), number);
            return new DeliveryOutcome.Skipped("attempt " + number + " was recorded by a duplicate");
        }
        LOG.info("webhook attempt requestId={} attempt={} status={} error={} millis={}", request.id(), number, status,
                error, millis);
        if (delivered) {
            return new DeliveryOutcome.Delivered(number, status);
        }
        if (last) {
            return new DeliveryOutcome.GaveUp(number, error);
        }
        return next(request.id(), attempt, error);
    }

    /** The attempt was recorded but its successor may not have been queued (the message came back): queue it. */
    private DeliveryOutcome resume(DeliveryJob job, WebhookLog log) {
        WebhookAttempt last = log.attempts().get(log.attempts().size() - 1);
        if (last.delivered() || job.attempt() >= MAX_ATTEMPTS) {
            return new DeliveryOutcome.Skipped("attempt " + job.attempt() + " already ran");
        }
        return next(job.requestId(), last, last.error());
    }

    private DeliveryOutcome next(String requestId, WebhookAttempt failed, String error) {
        Duration wait = waitAfter(failed.number(), backoff);
        DeliveryJob next = new DeliveryJob(requestId, failed.number() + 1, failed.at().plus(wait));
        Duration remaining = Duration.between(clock.instant(), next.notBefore());
        queue.enqueue(next, clamp(remaining));
        return new DeliveryOutcome.Retrying(failed.number(), error, wait);
    }

    private DeliveryOutcome requeue(DeliveryJob job, Duration remaining) {
        queue.enqueue(job, clamp(remaining));
        return new DeliveryOutcome.Waiting(remaining);
    }

    private static Duration clamp(Duration delay) {
        if (delay.isNegative()) {
            return Duration.ZERO;
        }
        return delay.compareTo(DeliveryQueue.MAX_DELAY) > 0 ? DeliveryQueue.MAX_DELAY : delay;
    }

    private static String describe(SendResult result) {
        if (result instanceof SendResult.Answered answered) {
            return "receiver answered HTTP " + answered.status();
        }
        return result instanceof SendResult.Unreachable unreachable ? unreachable.reason()
                : ((SendResult.Refused) result).reason();
    }
}
