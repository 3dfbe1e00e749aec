package dev.sticker.core.guard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls to services elsewhere (the GPU providers): every URL passes the {@link RequestForgeryGuard} and plain http
 * connects to the address it checked ({@link PinnedAddress}); redirects are not followed; the answer is read up to a
 * size limit within one deadline. Problems are values, never exceptions.
 */
public final class GuardedHttp {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedHttp.class);

    private final RequestForgeryGuard guard;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final long maxBytes;

    /**
     * @param timeout  the deadline of one call, from connecting to the last byte of the answer
     * @param maxBytes the largest answer read; a larger one is {@link Answer.Unreachable}
     */
    public GuardedHttp(RequestForgeryGuard guard, Duration connectTimeout, Duration timeout, long maxBytes) {
        this.guard = guard;
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /** What a call came to. */
    public sealed interface Answer {

        /** The server answered, with any status. */
        record Response(int status, byte[] body) implements Answer {

            public boolean isSuccess() {
                return status >= 200 && status <= 299;
            }

            public String text() {
                return new String(body, StandardCharsets.UTF_8);
            }
        }

        /** The guard refused the URL; nothing was sent. */
        record Refused(String reason) implements Answer {
        }

        /** No answer: no connection, none in time, or one larger than the limit. */
        record Unreachable(String reason) implements Answer {
        }
    }

    public Answer get(String url, Map<String, String> headers) {
        return send("GET", url, headers, null);
    }

    /** @param body null for none */
    public Answer send(String method, String url, Map<String, String> headers, byte[] body) {
        GuardVerdict verdict = guard.check(url);
        if (verdict instanceof GuardVerdict.Refused refused) {
            return new Answer.Refused(refused.reason());
        }
        GuardVerdict.Allowed allowed = (GuardVerdict.Allowed) verdict;
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .proxy(PinnedAddress.of(allowed))
                .build();
        HttpRequest.Builder request = HttpRequest.newBuilder(allowed.uri())
                .timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<LimitedBody.Body>> call = client.sendAsync(request.build(),
                info -> LimitedBody.of(maxBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1)));
        try {
            HttpResponse<LimitedBody.Body> response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.body().tooLarge()) {
                return new Answer.Unreachable("answer larger than " + maxBytes + " bytes");
            }
            return new Answer.Response(response.statusCode(), response.body().bytes());
        } catch (TimeoutException e) {
            call.cancel(true);
            return noAnswerInTime();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Unreachable("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                return noAnswerInTime();
            }
            LOG.info("call failed host={} error={}", allowed.uri().getHost(), e.getCause().toString());
            return new Answer.Unreachable("could not connect (" + e.getCause().getClass().getSimpleName() + ")");
        }
    }

    private Answer noAnswerInTime() {
        return new Answer.Unreachable("no answer within " + timeout.toMillis() / 1000.0 + " s");
    }
}
