package dev.sticker.core.webhook;

import dev.sticker.core.guard.GuardVerdict;
import dev.sticker.core.guard.PinnedAddress;
import dev.sticker.core.guard.RequestForgeryGuard;
import dev.sticker.core.port.WebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * POSTs over HTTP after the {@link RequestForgeryGuard} allowed the URL, connecting to the address it checked.
 * Redirects are not followed (a 3xx is a failed attempt): the receiver's URL is the caller's to get right.
 */
public final class HttpWebhookSender implements WebhookSender {

    /** fal's receivers get 15 s to answer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(HttpWebhookSender.class);

    private final RequestForgeryGuard guard;
    private final Duration timeout;

    public HttpWebhookSender(RequestForgeryGuard guard) {
        this(guard, TIMEOUT);
    }

    public HttpWebhookSender(RequestForgeryGuard guard, Duration timeout) {
        this.guard = guard;
        this.timeout = timeout;
    }

    @Override
    public SendResult post(String url, Map<String, String> headers, byte[] body) {
        GuardVerdict verdict = guard.check(url);
        if (verdict instanceof GuardVerdict.Refused refused) {
            return new SendResult.Refused("fal_webhook " + refused.reason());
        }
        GuardVerdict.Allowed allowed = (GuardVerdict.Allowed) verdict;
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT)
                .proxy(PinnedAddress.of(allowed))
                .build();
        HttpRequest.Builder request = HttpRequest.newBuilder(allowed.uri())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "face-to-sticker webhook")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return new SendResult.Answered(status);
        } catch (HttpTimeoutException e) {
            return new SendResult.Unreachable("no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            LOG.info("webhook POST failed host={} error={}", allowed.uri().getHost(), e.toString());
            return new SendResult.Unreachable("could not connect (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Unreachable("interrupted");
        }
    }
}
