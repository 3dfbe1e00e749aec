package dev.sticker.core.remote;

import dev.sticker.core.port.BackendOutcome;
import dev.sticker.core.port.GenerationJob;
import dev.sticker.core.port.RemoteBackend;
import dev.sticker.core.request.Failure;
import dev.sticker.core.wire.ApiUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Dispatches a job to a remote (GPU) worker: a signed POST of {@code {request_id, input, callback_url}} to
 * STICKER_REMOTE_WORKER_URL; the worker later posts the result, signed, to the callback URL. The worker URL is set by
 * the operator, so it does not pass the request-forgery guard. The protocol has no status or cancel call: a worker
 * that never calls back is found by its deadline. Protocol: docs/remote-backend.md.
 */
public final class HttpBackend implements RemoteBackend {

    private static final Logger LOG = LoggerFactory.getLogger(HttpBackend.class);
    public static final String NAME = "http";
    private static final Duration DISPATCH_TIMEOUT = Duration.ofSeconds(15);

    private final URI workerUrl;
    private final ApiUrls publicUrls;
    private final RemoteWorkerProtocol protocol;
    private final HttpClient client;
    private final Clock clock;

    /**
     * @param publicUrls the configured public base (STICKER_PUBLIC_URL): the worker runs without a request to derive
     *                   it from, and the remote worker must reach the callback route through it
     */
    public HttpBackend(URI workerUrl, ApiUrls publicUrls, RemoteWorkerProtocol protocol, HttpClient client,
                       Clock clock) {
        this.workerUrl = workerUrl;
        this.publicUrls = publicUrls;
        this.protocol = protocol;
        this.client = client;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BackendOutcome generate(GenerationJob job) {
        String json = RemoteWorkerProtocol.jobJson(new RemoteWorkerProtocol.Job(job.requestId(), job.input(),
                publicUrls.callbackUrl(NAME, job.requestId())));
        HttpRequest request = HttpRequest.newBuilder(workerUrl)
                .timeout(DISPATCH_TIMEOUT)
                .header("Content-Type", "application/json")
                .header(RemoteWorkerProtocol.SIGNATURE_HEADER, protocol.sign(json, clock.instant()))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                LOG.info("job dispatched requestId={} status={}", job.requestId(), response.statusCode());
                return new BackendOutcome.Pending(job.requestId());
            }
            LOG.warn("remote worker refused requestId={} status={}", job.requestId(), response.statusCode());
            return BackendOutcome.Failed.providers(Failure.internal("remote worker refused the job (HTTP "
                    + response.statusCode() + ")"));
        } catch (IOException e) {
            LOG.warn("remote worker unreachable requestId={} error={}", job.requestId(), e.toString());
            return BackendOutcome.Failed.providers(Failure.internal("remote worker unreachable"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BackendOutcome.Failed.providers(Failure.internal("dispatch interrupted"));
        }
    }

    /** Our own request id is the job's id: the worker knows no other. */
    @Override
    public CallbackReading readCallback(String requestId, Map<String, String> headers, byte[] body, Instant now) {
        String text = new String(body, StandardCharsets.UTF_8);
        String signature = headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(RemoteWorkerProtocol.SIGNATURE_HEADER))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        RemoteWorkerProtocol.Check check = protocol.verify(signature, text, now);
        if (check != RemoteWorkerProtocol.Check.VALID) {
            LOG.warn("callback refused requestId={} signature={}", requestId, check);
            return new CallbackReading.Refused(401, "invalid signature (" + check.name().toLowerCase(Locale.ROOT)
                    + ")");
        }
        RemoteWorkerProtocol.Callback callback = RemoteWorkerProtocol.callback(text);
        if (callback instanceof RemoteWorkerProtocol.Callback.Unreadable unreadable) {
            LOG.warn("unusable callback requestId={} problem={}", requestId, unreadable.problem());
            return new CallbackReading.Accepted(requestId, BackendOutcome.Failed.providers(
                    Failure.internal("remote worker returned an unusable result: " + unreadable.problem())));
        }
        if (callback instanceof RemoteWorkerProtocol.Callback.Error error) {
            // A 4xx is about the input (no face, an unreadable photo); anything else is the worker's own trouble.
            boolean callers = error.failure().httpStatus() / 100 == 4;
            return new CallbackReading.Accepted(requestId, new BackendOutcome.Failed(error.failure(),
                    callers ? BackendOutcome.Fault.CALLER : BackendOutcome.Fault.PROVIDER));
        }
        RemoteWorkerProtocol.Callback.Result result = (RemoteWorkerProtocol.Callback.Result) callback;
        return new CallbackReading.Accepted(requestId, new BackendOutcome.Delivered(result.sticker(),
                result.backgroundRemoved(), result.seed(), result.stickerNsfw(), result.backgroundRemovedNsfw()));
    }

    /** The protocol has no status call: the job runs until the worker calls back or its deadline passes. */
    @Override
    public BackendOutcome poll(String upstreamId) {
        return new BackendOutcome.Pending(upstreamId);
    }

    /** The protocol has no cancel call: a cancelled request simply discards the worker's late result. */
    @Override
    public void cancel(String upstreamId) {
        LOG.info("the remote worker protocol has no cancel; its result will be discarded requestId={}", upstreamId);
    }
}
