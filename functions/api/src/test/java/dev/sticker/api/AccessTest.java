package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.sticker.core.account.BillingSettings;
import dev.sticker.core.account.Pricing;
import dev.sticker.core.wire.ApiReply;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AccessTest {

    private static final String PAGE = "https://app.example.com";
    private final Access access = new Access((subject, perMinute, now) -> Optional.empty(),
            new BillingSettings("accounts", new Pricing(20_000), "operator", Map.of(PAGE, "acct_app"), 30),
            Clock.systemUTC());

    @Test
    void aPublishableOriginIsBilledToItsAccount() {
        Access.Admission admission = access.publishable(call(Map.of("Origin", PAGE)));

        assertEquals("acct_app", ((Access.Admission.Admitted) admission).caller().accountId());
    }

    @Test
    void aSameOriginGetWithoutOriginIsKnownByItsReferer() {
        Access.Admission admission = access.publishable(call(Map.of("Referer", PAGE + "/playground?x=1#top")));

        assertEquals("acct_app", ((Access.Admission.Admitted) admission).caller().accountId());
    }

    @Test
    void anOriginTheOperatorDidNotListIsRefusedEvenWithAListedReferer() {
        Access.Admission admission = access.publishable(call(Map.of("Origin", "https://elsewhere.example",
                "Referer", PAGE + "/")));

        ApiReply refused = ((Access.Admission.Refused) admission).reply();
        assertEquals(401, refused.status());
        assertEquals("{\"detail\":\"No publishable access for origin https://elsewhere.example; call with a key "
                + "instead\"}", refused.body());
    }

    @Test
    void thePageOriginIsSchemeHostAndPortOnly() {
        assertEquals("http://127.0.0.1:8080",
                Access.browserOrigin(call(Map.of("referer", "HTTP://user@127.0.0.1:8080/a/b?c"))));
        assertEquals("https://app.example.com", Access.browserOrigin(call(Map.of("Referer", PAGE + "/"))));
        assertNull(Access.browserOrigin(call(Map.of("Referer", "not a url"))));
        assertNull(Access.browserOrigin(call(Map.of())));
    }

    private static APIGatewayProxyRequestEvent call(Map<String, String> headers) {
        return new APIGatewayProxyRequestEvent().withHttpMethod("GET").withResource("/fal/browser-proxy")
                .withHeaders(headers).withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp("203.0.113.9")));
    }
}
