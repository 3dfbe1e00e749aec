package dev.sticker.core.backend;

import dev.sticker.core.guard.GuardedHttp;
import dev.sticker.core.guard.GuardedHttp.Answer;
import dev.sticker.core.webhook.WebhookVerifier;
import dev.sticker.core.webhook.WebhookVerifier.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * fal's published webhook keys, fetched once and kept: fetched again when {@link #MAX_AGE} old, and when a signature
 * matches none of them (fal may have rotated its keys), at most once per {@link #REFETCH_INTERVAL} so forged
 * callbacks cannot make us fetch the JWKS on every request.
 */
final class FalJwks {

    static final Duration MAX_AGE = Duration.ofHours(24);
    static final Duration REFETCH_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(FalJwks.class);

    private final String url;
    private final GuardedHttp http;
    private final Clock clock;
    private WebhookVerifier verifier;
    private Instant fetchedAt;
    private Instant lastRefetch;

    FalJwks(String url, GuardedHttp http, Clock clock) {
        this.url = url;
        this.http = http;
        this.clock = clock;
    }

    /** Checks a callback's fal signature headers; {@code now} is when it arrived. */
    synchronized Verdict verify(Map<String, String> headers, byte[] body, Instant now) {
        if (verifier == null || clock.instant().isAfter(fetchedAt.plus(MAX_AGE))) {
            fetch();
        }
        if (verifier == null) {
            return new Verdict.Invalid("fal's webhook keys could not be fetched");
        }
        Verdict verdict = verifier.verify(headers, body, now);
        if (verdict instanceof Verdict.Invalid invalid && invalid.reason().equals(WebhookVerifier.NO_MATCHING_KEY)
                && mayRefetch()) {
            lastRefetch = clock.instant();
            LOG.info("fal webhook signature matches no cached key; fetching the JWKS again");
            if (fetch()) {
                verdict = verifier.verify(headers, body, now);
            }
        }
        return verdict;
    }

    private boolean mayRefetch() {
        return lastRefetch == null || !clock.instant().isBefore(lastRefetch.plus(REFETCH_INTERVAL));
    }

    /** Replaces the keys with freshly fetched ones; keeps the old ones when that fails. */
    private boolean fetch() {
        Answer answer = http.get(url, Map.of("Accept", "application/json"));
        if (!(answer instanceof Answer.Response response) || !response.isSuccess()) {
            LOG.warn("fal JWKS fetch failed url={} answer={}", url, describe(answer));
            return false;
        }
        try {
            verifier = WebhookVerifier.fromJwks(response.text());
            fetchedAt = clock.instant();
            LOG.info("fal JWKS fetched keys={}", verifier.keyCount());
            return true;
        } catch (IllegalArgumentException e) {
            LOG.warn("fal JWKS unreadable url={} error={}", url, e.getMessage());
            return false;
        }
    }

    private static String describe(Answer answer) {
        if (answer instanceof Answer.Response response) {
            return "HTTP " + response.status();
        }
        return answer instanceof Answer.Refused refused ? "refused: " + refused.reason()
                : "unreachable: " + ((Answer.Unreachable) answer).reason();
    }
}
