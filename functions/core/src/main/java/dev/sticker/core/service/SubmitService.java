package dev.sticker.core.service;

import dev.sticker.core.account.Caller;
import dev.sticker.core.account.Pricing;
import dev.sticker.core.input.FieldError;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.input.ParsedInput;
import dev.sticker.core.input.StickerInput;
import dev.sticker.core.photo.DataUri;
import dev.sticker.core.photo.FetchResult;
import dev.sticker.core.port.AccountStore;
import dev.sticker.core.port.AccountStore.Reservation;
import dev.sticker.core.port.JobQueue;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.request.Billing;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.ObjectKeys;
import dev.sticker.core.request.Retention;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.FalWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Accepts a request: validate (nothing is stored for a bad input) → hold its price on the caller's account (nothing is
 * stored when the account may not pay) → store an inline photo → create the request IN_QUEUE → queue the job. A data
 * URI photo is stored as {@code inputs/{id}/input} and the stored input then names it by its durable file URL, so the
 * request record and the job stay small and a remote worker can fetch it too. Whatever fails after the hold gives it
 * back.
 */
public final class SubmitService {

    private static final Logger LOG = LoggerFactory.getLogger(SubmitService.class);

    private final RequestStore store;
    private final ObjectStore objects;
    private final JobQueue queue;
    private final AccountStore accounts;
    private final Pricing pricing;
    private final Completion completion;
    private final Retention retention;
    private final Clock clock;

    public SubmitService(RequestStore store, ObjectStore objects, JobQueue queue, AccountStore accounts,
                         Pricing pricing, Completion completion, Retention retention, Clock clock) {
        this.store = store;
        this.objects = objects;
        this.queue = queue;
        this.accounts = accounts;
        this.pricing = pricing;
        this.completion = completion;
        this.retention = retention;
        this.clock = clock;
    }

    /** The whole submit call: the reply a handler returns as is. */
    public ApiReply submit(Submission submission, ApiUrls urls) {
        SubmitOutcome outcome = accept(submission, urls);
        if (outcome instanceof SubmitOutcome.Accepted accepted) {
            return FalWire.submitted(accepted.request(), accepted.queuePosition(), urls);
        }
        if (outcome instanceof SubmitOutcome.Duplicate duplicate) {
            // Only an id derived from a cause can repeat; the random one of an HTTP submit never does.
            throw new IllegalStateException("request id already exists: " + duplicate.requestId());
        }
        if (outcome instanceof SubmitOutcome.Refused refused) {
            return refused.reply();
        }
        if (outcome instanceof SubmitOutcome.TooLarge tooLarge) {
            return FalWire.payloadTooLarge(tooLarge.limitBytes());
        }
        return FalWire.validationFailed(((SubmitOutcome.Rejected) outcome).errors());
    }

    /** The submit as a value, for callers that are not HTTP (e.g. the ingest of uploaded photos). */
    public SubmitOutcome accept(Submission submission, ApiUrls urls) {
        return accept(UUID.randomUUID().toString(), submission, urls);
    }

    /**
     * The submit under an id derived from what caused it (e.g. an S3 event), so that a cause delivered twice creates
     * one request: the store's conditional create refuses the second, which is answered as a duplicate.
     */
    public SubmitOutcome accept(String id, Submission submission, ApiUrls urls) {
        List<FieldError> errors = new ArrayList<>();
        ParsedInput parsed = InputSchema.parse(submission.body());
        if (parsed instanceof ParsedInput.Invalid invalid) {
            errors.addAll(invalid.errors());
        }
        if (submission.webhookUrl() != null && !isHttpUrl(submission.webhookUrl())) {
            errors.add(new FieldError(List.of("query", "fal_webhook"),
                    "URL scheme should be 'http' or 'https'", "url_scheme"));
        }
        if (!errors.isEmpty()) {
            return new SubmitOutcome.Rejected(errors);
        }
        StickerInput input = ((ParsedInput.Valid) parsed).input();
        FetchResult.Fetched inline = null;
        if (input.hasDataUri()) {
            if (DataUri.decodedSize(input.imageUrl()) > DataUri.MAX_DECODED_BYTES) {
                return new SubmitOutcome.TooLarge(DataUri.MAX_DECODED_BYTES);
            }
            FetchResult photo = DataUri.decode(input.imageUrl(), DataUri.MAX_DECODED_BYTES);
            if (photo instanceof FetchResult.Refused refused) {
                Failure failure = refused.failure();
                return new SubmitOutcome.Rejected(List.of(FieldError.at("image_url", failure.message(),
                        failure.type())));
            }
            inline = (FetchResult.Fetched) photo;
        }
        Caller caller = submission.caller();
        Pricing.Quote quote = pricing.quote(input);
        Reservation reservation = accounts.reserve(caller.accountId(), id, quote.costMicros());
        if (reservation instanceof Reservation.Refused refused) {
            LOG.info("submit refused accountId={} keyId={} reason={}", caller.accountId(), caller.keyId(),
                    refused.reason());
            return refused.refusal() == AccountStore.Refusal.TOO_MANY_WAITING
                    ? new SubmitOutcome.Refused(429, refused.reason() + ": at most " + AccountStore.MAX_OPEN_REQUESTS
                    + " requests per account may wait or run at once")
                    : new SubmitOutcome.Refused(403, refused.reason());
        }
        Reservation.Held held = (Reservation.Held) reservation;
        Billing billing = new Billing(caller.accountId(), caller.keyId(), caller.keyAlias(), quote.megapixels(),
                pricing.unitPriceMicros(), quote.costMicros());
        StickerRequest request;
        try {
            if (inline != null) {
                objects.put(ObjectKeys.input(id), inline.bytes(), inline.type().mimeType());
                input = input.withImageUrl(urls.fileUrl(ObjectKeys.input(id)));
            }
            Instant now = clock.instant();
            request = new StickerRequest(id, ApiUrls.MODEL_ID, Status.IN_QUEUE, billing, InputSchema.toJson(input),
                    held.ticket().seq(), null, null, List.of(), submission.webhookUrl(), 0, 0, false, null, List.of(), now, null,
                    null, null,
                    null, expiresAt(now, submission.hints()));
            if (!store.create(request)) {
                releaseIfFresh(held, billing, id);
                return new SubmitOutcome.Duplicate(id);
            }
        } catch (RuntimeException e) {
            releaseIfFresh(held, billing, id);
            throw e;
        }
        try {
            queue.enqueue(id, Duration.ZERO);
        } catch (RuntimeException e) {
            // An accepted request must always finish: without a job it never would, so end it now (which releases
            // its hold).
            completion.fail(id, Failure.internal("the request could not be queued"));
            throw e;
        }
        long position = held.ticket().position();
        QueueHints hints = submission.hints();
        LOG.info("request submitted requestId={} accountId={} keyId={} priceMicros={} queueSeq={} position={}"
                        + " priority={} runnerHint={} requestTimeout={} expiresAt={}", id, caller.accountId(),
                caller.keyId(), quote.costMicros(), held.ticket().seq(), position, hints.priority(),
                hints.runnerHint(), hints.requestTimeout(), request.expiresAt());
        return new SubmitOutcome.Accepted(request, position);
    }

    /** Gives back a hold this submit made, when no request came of it. */
    private void releaseIfFresh(Reservation.Held held, Billing billing, String id) {
        if (held.fresh()) {
            accounts.settle(billing.accountId(), id, billing.priceMicros(), clock.instant(), null);
        }
    }

    /** The retention period, or the caller's shorter result lifetime (fal's object lifecycle preference). */
    private long expiresAt(Instant now, QueueHints hints) {
        long retained = retention.expiresAt(now);
        return hints.resultLifetime() == null ? retained
                : Math.min(retained, now.plus(hints.resultLifetime()).getEpochSecond());
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
