package dev.sticker.core.request;

import java.time.Instant;
import java.util.List;

/**
 * One request as stored: everything the status, result and cancel calls answer from.
 *
 * @param billing     who pays and what was held for it
 * @param inputJson   the validated input with defaults applied, as JSON (the seed's Input schema)
 * @param queueSeq    this request's number in its account's order of submission (for queue_position)
 * @param result      set once COMPLETED successfully
 * @param failure     set once COMPLETED without a result (including cancellation)
 * @param webhookUrl  the caller's fal_webhook, or null
 * @param attempts    how many times a worker claimed it
 * @param requeues    how many times the sweeper queued its job again, finding it waiting with no sign of the job
 * @param dispatch    the provider elsewhere its generation was handed to, while it runs there; else null
 * @param failedBackends the backends that failed it, in order: a later attempt tries the others
 * @param queueSeenAt the last time its job was known to be on the queue after the submit (a worker put it back to
 *                    wait for a running slot, or the sweeper queued it again); null until then
 * @param settledAt   when the held price was charged (a result) or released (a failure); null until then
 * @param expiresAt   epoch seconds after which the store may forget it (DynamoDB TTL)
 */
public record StickerRequest(
        String id,
        String modelId,
        Status status,
        Billing billing,
        String inputJson,
        long queueSeq,
        StickerResult result,
        Failure failure,
        List<LogLine> logs,
        String webhookUrl,
        int attempts,
        int requeues,
        boolean cancelRequested,
        Dispatch dispatch,
        List<String> failedBackends,
        Instant createdAt,
        Instant queueSeenAt,
        Instant startedAt,
        Instant completedAt,
        Instant settledAt,
        long expiresAt) {

    public StickerRequest {
        failedBackends = failedBackends == null ? List.of() : List.copyOf(failedBackends);
    }

    /** A request whose generation runs elsewhere: the backend, its id for the job, and when it was handed over. */
    public record Dispatch(String backend, String upstreamId, Instant at) {
    }
}
