package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.sticker.core.account.Caller;
import dev.sticker.core.config.Settings;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.FalRoute;
import dev.sticker.core.wire.FalWire;
import dev.sticker.core.wire.ProxyTarget;

import java.util.Map;
import java.util.Optional;

/**
 * The fal calls one function answers, on their own routes and through the fal proxies (the real target in
 * {@code x-fal-target-url}) alike: the call is found ({@link FalRoute}, {@link ProxyTarget}), the caller admitted
 * ({@link Access}: a key, or on the browser proxy a publishable origin), then the call is handed to the answer the
 * function gave for its kind. The file route needs no caller: its URLs are unguessable capabilities. The template
 * decides which routes reach which function.
 */
final class FalCalls {

    /** fal's proxy protocol, for apps whose own backend forwards calls with its key. */
    static final String PROXY_RESOURCE = "/fal/proxy";
    /** The same protocol without a key, for the browser origins the operator made publishable. */
    static final String BROWSER_PROXY_RESOURCE = "/fal/browser-proxy";

    /** What a function does with one kind of call. */
    @FunctionalInterface
    interface Answer {
        ApiReply answer(FalCall call);
    }

    /**
     * One call: which it is, the query parameters of its target, the event it came in, the URLs to hand out and who
     * makes it (null on the file route).
     */
    record FalCall(FalRoute route, Map<String, String> query, APIGatewayProxyRequestEvent event, ApiUrls urls,
                   Caller caller) {

        String requestId() {
            return route.requestId();
        }

        String body() {
            return Gateway.body(event);
        }

        String header(String name) {
            return Gateway.header(event, name);
        }
    }

    private final Settings settings;
    private final Access access;
    private final Map<FalRoute.Kind, Answer> answers;

    FalCalls(Settings settings, Access access, Map<FalRoute.Kind, Answer> answers) {
        this.settings = settings;
        this.access = access;
        this.answers = Map.copyOf(answers);
    }

    ApiReply answer(APIGatewayProxyRequestEvent event) {
        boolean browser = BROWSER_PROXY_RESOURCE.equals(event.getResource());
        boolean proxied = browser || PROXY_RESOURCE.equals(event.getResource());
        Optional<FalRoute> direct = proxied ? Optional.empty()
                : FalRoute.match(event.getHttpMethod(), Gateway.resourcePath(event));
        Caller caller = null;
        // Who calls is settled first, so a caller without a key learns nothing of the route beyond the 401.
        if (direct.map(route -> route.kind() != FalRoute.Kind.FILE).orElse(true)) {
            Access.Admission admission = browser ? access.publishable(event) : access.keyed(event);
            if (admission instanceof Access.Admission.Refused refused) {
                return refused.reply();
            }
            caller = ((Access.Admission.Admitted) admission).caller();
        }
        FalRoute route;
        Map<String, String> query;
        if (proxied) {
            ProxyTarget target = ProxyTarget.parse(event.getHttpMethod(), Gateway.header(event, ProxyTarget.HEADER));
            if (target instanceof ProxyTarget.Refused refused) {
                return FalWire.error(400, refused.detail());
            }
            ProxyTarget.Routed routed = (ProxyTarget.Routed) target;
            route = routed.route();
            query = routed.query();
        } else if (direct.isPresent()) {
            route = direct.get();
            query = Optional.ofNullable(event.getQueryStringParameters()).orElse(Map.of());
        } else {
            return FalWire.error(404, "Not found");
        }
        Answer answer = answers.get(route.kind());
        if (answer == null) {
            return FalWire.error(404, "Not found");
        }
        return answer.answer(new FalCall(route, query, event, Gateway.urls(event, settings), caller));
    }
}
