package dev.sticker.core.photo;

import dev.sticker.core.guard.GuardVerdict;
import dev.sticker.core.guard.LimitedBody;
import dev.sticker.core.guard.LimitedBody.Body;
import dev.sticker.core.guard.PinnedAddress;
import dev.sticker.core.guard.RequestForgeryGuard;
import dev.sticker.formats.ImageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Downloads a photo from a caller-supplied URL, safely: every hop (the URL and each redirect, at most
 * {@value #MAX_REDIRECTS}) passes the {@link RequestForgeryGuard}; the body stops being read past the size limit; the
 * whole download has a deadline; the type is sniffed from the bytes.
 *
 * <p>DNS rebinding: the guard resolves the host and checks every address. For plain http the connection is then made
 * to that checked address (the client is pointed at it as an HTTP proxy, so it sends the absolute URL and the
 * original Host header, which origin servers accept), so a second, different DNS answer is never used. For https the
 * client resolves again, but a rebound answer can only reach a server holding a valid certificate for the attacker's
 * host name, which internal services do not; the JVM's positive DNS cache also normally returns the checked answer.
 */
public final class ImageFetcher {

    private static final Logger LOG = LoggerFactory.getLogger(ImageFetcher.class);

    public static final int MAX_REDIRECTS = 5;
    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(30);

    private final RequestForgeryGuard guard;
    private final long maxBytes;
    private final Duration connectTimeout;
    private final Duration totalTimeout;

    public ImageFetcher(RequestForgeryGuard guard) {
        this(guard, DEFAULT_MAX_BYTES, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TOTAL_TIMEOUT);
    }

    public ImageFetcher(RequestForgeryGuard guard, long maxBytes, Duration connectTimeout, Duration totalTimeout) {
        this.guard = guard;
        this.maxBytes = maxBytes;
        this.connectTimeout = connectTimeout;
        this.totalTimeout = totalTimeout;
    }

    /** Downloads an http(s) URL or decodes a data URI; refusals are values, never exceptions. */
    public FetchResult fetch(String url) {
        if (DataUri.isDataUri(url)) {
            return DataUri.decode(url, DataUri.MAX_DECODED_BYTES);
        }
        long deadline = System.nanoTime() + totalTimeout.toNanos();
        String current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            GuardVerdict verdict = guard.check(current);
            if (verdict instanceof GuardVerdict.Refused refused) {
                return FetchResult.refused("image_url " + refused.reason());
            }
            GuardVerdict.Allowed allowed = (GuardVerdict.Allowed) verdict;
            Hop result = download(allowed, deadline);
            if (result instanceof Hop.Redirect redirect) {
                current = redirect.location();
                continue;
            }
            return ((Hop.Finished) result).result();
        }
        return FetchResult.refused("image_url redirected more than " + MAX_REDIRECTS + " times");
    }

    /** One request: a redirect to follow, or the end of the fetch. */
    private sealed interface Hop {
        record Redirect(String location) implements Hop {
        }

        record Finished(FetchResult result) implements Hop {
        }
    }

    private Hop download(GuardVerdict.Allowed allowed, long deadline) {
        URI uri = allowed.uri();
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .proxy(PinnedAddress.of(allowed))
                .build();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .GET()
                .header("Accept", "image/*")
                .header("User-Agent", "face-to-sticker image fetcher")
                .timeout(remaining(deadline))
                .build();
        try {
            HttpResponse<Body> response = client.sendAsync(request, info -> subscriber(info.statusCode(),
                            info.headers().firstValueAsLong("Content-Length").orElse(-1)))
                    .get(remaining(deadline).toMillis(), TimeUnit.MILLISECONDS);
            return interpret(uri, response);
        } catch (TimeoutException e) {
            return new Hop.Finished(tookTooLong());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Hop.Finished(FetchResult.refused("image_url download was interrupted"));
        } catch (ExecutionException e) {
            LOG.info("image fetch failed host={} error={}", uri.getHost(), e.getCause().toString());
            return new Hop.Finished(e.getCause() instanceof java.net.http.HttpTimeoutException
                    ? tookTooLong() : FetchResult.refused("image_url could not be downloaded"));
        }
    }

    private FetchResult tookTooLong() {
        return FetchResult.refused("image_url took longer than " + totalTimeout.toMillis() / 1000.0
                + " s to download");
    }

    private Hop interpret(URI uri, HttpResponse<Body> response) {
        int status = response.statusCode();
        if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
            Optional<String> location = response.headers().firstValue("Location");
            if (location.isEmpty()) {
                return new Hop.Finished(FetchResult.refused("image_url redirected without a Location"));
            }
            try {
                return new Hop.Redirect(uri.resolve(location.get()).toString());
            } catch (IllegalArgumentException e) {
                return new Hop.Finished(FetchResult.refused("image_url redirected to an invalid URL"));
            }
        }
        if (status < 200 || status > 299) {
            return new Hop.Finished(FetchResult.refused("image_url could not be downloaded (HTTP " + status + ")"));
        }
        Body body = response.body();
        if (body.tooLarge()) {
            return new Hop.Finished(FetchResult.refused("image_url is larger than " + maxBytes + " bytes"));
        }
        byte[] bytes = body.bytes();
        return new Hop.Finished(ImageType.sniff(bytes)
                .<FetchResult>map(type -> new FetchResult.Fetched(bytes, type))
                .orElseGet(() -> FetchResult.refused("image_url is not an image (got "
                        + ImageType.describeNonImage(bytes) + " bytes)")));
    }

    private HttpResponse.BodySubscriber<Body> subscriber(int status, long contentLength) {
        boolean success = status >= 200 && status <= 299;
        if (!success) {
            return HttpResponse.BodySubscribers.replacing(Body.empty());
        }
        return LimitedBody.of(maxBytes, contentLength);
    }

    private static Duration remaining(long deadline) {
        long nanos = deadline - System.nanoTime();
        return Duration.ofNanos(Math.max(nanos, TimeUnit.MILLISECONDS.toNanos(1)));
    }
}
