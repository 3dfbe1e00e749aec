package dev.sticker.core.port;

import java.time.Instant;
import java.util.Map;

/**
 * A backend that runs jobs elsewhere (a GPU service) and reports back: by a signed callback to
 * {@code /webhooks/{name}/{request id}} and, when none came in time, by polling; a job can be cancelled upstream.
 * {@link #generate} dispatches and answers {@link BackendOutcome.Pending} with the provider's job id, or
 * {@link BackendOutcome.Failed}.
 */
public interface RemoteBackend extends Backend {

    /**
     * Reads a callback for one of our requests. {@link CallbackReading.Refused} when its signature, timestamp or shape
     * does not verify: nothing may change then. Otherwise the provider's job id and how the job ended (or, for
     * progress events, {@link BackendOutcome.Pending}).
     *
     * @param headers the request's headers, names in any case
     * @param body    the raw body, exactly as received
     */
    CallbackReading readCallback(String requestId, Map<String, String> headers, byte[] body, Instant now);

    /** How the provider's job stands now. */
    BackendOutcome poll(String upstreamId);

    /** Asks the provider to stop the job. Best effort: never throws, a failure is only logged. */
    void cancel(String upstreamId);

    /**
     * Whether the provider calls back when a job ends: then polling is only the fallback for a lost callback, and
     * waits a while; otherwise the job is polled from the start.
     */
    default boolean callsBack() {
        return true;
    }

    /** What a callback said. */
    sealed interface CallbackReading {

        /** Not a genuine callback: answered with this status (401 for signatures, 400 for an unreadable body). */
        record Refused(int status, String reason) implements CallbackReading {
        }

        /** A verified callback about the provider's job {@code upstreamId}. */
        record Accepted(String upstreamId, BackendOutcome outcome) implements CallbackReading {
        }
    }
}
