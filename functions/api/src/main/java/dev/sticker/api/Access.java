package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.sticker.core.account.Authentication;
import dev.sticker.core.account.AuthorizerContext;
import dev.sticker.core.account.BillingSettings;
import dev.sticker.core.account.Caller;
import dev.sticker.core.account.KeyAuthenticator;
import dev.sticker.core.account.Scope;
import dev.sticker.core.port.RateLimiter;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.FalWire;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Who may make a call. A keyed route trusts the authorizer's verdict in the event (never the raw header): a denied
 * or missing verdict is a 401 in fal's words. Then the key's calls per minute are counted, and a call over its
 * account's limit is a 429 with {@code Retry-After}. The browser proxy instead admits the origins the operator made
 * publishable (the page's origin as the browser names it), billed to their account and counted per IP address.
 */
public final class Access {

    /** The key id publishable calls are billed under, and their alias in usage reports. */
    static final String PUBLISHABLE_KEY = "publishable";

    private final RateLimiter limiter;
    private final BillingSettings billing;
    private final Clock clock;

    public Access(RateLimiter limiter, BillingSettings billing, Clock clock) {
        this.limiter = limiter;
        this.billing = billing;
        this.clock = clock;
    }

    /** Whether a call gets in: the caller it is made for, or the answer it gets instead. */
    sealed interface Admission {

        record Admitted(Caller caller) implements Admission {
        }

        record Refused(ApiReply reply) implements Admission {
        }
    }

    /** A call of a route behind the key authorizer. */
    Admission keyed(APIGatewayProxyRequestEvent event) {
        Optional<Authentication> verdict = Optional.ofNullable(event.getRequestContext())
                .flatMap(context -> AuthorizerContext.read(context.getAuthorizer()));
        if (verdict.isEmpty()) {
            return new Admission.Refused(FalWire.error(401, KeyAuthenticator.MISSING));
        }
        if (verdict.get() instanceof Authentication.Denied denied) {
            return new Admission.Refused(FalWire.error(401, denied.detail()));
        }
        Authentication.Authenticated key = (Authentication.Authenticated) verdict.get();
        return counted("key:" + key.caller().keyId(), key.rateLimitPerMinute(), key.caller());
    }

    /** A call of the browser proxy: an origin the operator made publishable, without a key. */
    Admission publishable(APIGatewayProxyRequestEvent event) {
        String origin = browserOrigin(event);
        Optional<String> account = billing.publishableAccount(origin);
        if (account.isEmpty()) {
            return new Admission.Refused(FalWire.error(401, origin == null
                    ? "Publishable access needs the Origin header a browser sends"
                    : "No publishable access for origin " + origin + "; call with a key instead"));
        }
        String ip = event.getRequestContext() == null || event.getRequestContext().getIdentity() == null
                ? "unknown" : event.getRequestContext().getIdentity().getSourceIp();
        return counted("ip:" + ip, billing.publishableRatePerMinute(),
                new Caller(account.get(), PUBLISHABLE_KEY, PUBLISHABLE_KEY, Scope.API));
    }

    /**
     * The origin of the page that made the call. Browsers leave {@code Origin} out of same-origin GETs (a page served
     * by this API, such as the playground, polling a status), but their {@code Referer} still names the page.
     */
    static String browserOrigin(APIGatewayProxyRequestEvent event) {
        String origin = Gateway.header(event, "Origin");
        if (origin != null) {
            return origin;
        }
        String referer = Gateway.header(event, "Referer");
        if (referer == null) {
            return null;
        }
        try {
            URI page = new URI(referer);
            if (page.getScheme() == null || page.getHost() == null) {
                return null;
            }
            return page.getScheme().toLowerCase(Locale.ROOT) + "://" + page.getHost().toLowerCase(Locale.ROOT)
                    + (page.getPort() == -1 ? "" : ":" + page.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private Admission counted(String subject, int perMinute, Caller caller) {
        Optional<Duration> wait = limiter.take(subject, perMinute, clock.instant());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return new Admission.Refused(FalWire.error(429, "Rate limit exceeded: at most " + perMinute
                    + " calls a minute; retry in " + seconds + " s").withHeader("Retry-After", Long.toString(seconds)));
        }
        return new Admission.Admitted(caller);
    }
}
