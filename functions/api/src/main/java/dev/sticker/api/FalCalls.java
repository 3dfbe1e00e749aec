package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.sticker.core.config.Settings;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.FalRoute;
import dev.sticker.core.wire.FalWire;
import dev.sticker.core.wire.ProxyTarget;

import java.util.Map;
import java.util.Optional;

/**
 * The fal calls one function answers, on their own routes and through the fal proxy ({@code /fal/proxy}, the real
 * target in {@code x-fal-target-url}) alike: the call is found ({@link FalRoute}, {@link ProxyTarget}), then handed to
 * the answer the function gave for its kind. The template decides which routes reach which function.
 */
final class FalCalls {

    static final String PROXY_RESOURCE = "/fal/proxy";

    /** What a function does with one kind of call. */
    @FunctionalInterface
    interface Answer {
        ApiReply answer(FalCall call);
    }

    /** One call: which it is, the query parameters of its target, the event it came in and the URLs to hand out. */
    record FalCall(FalRoute route, Map<String, String> query, APIGatewayProxyRequestEvent event, ApiUrls urls) {

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
    private final Map<FalRoute.Kind, Answer> answers;

    FalCalls(Settings settings, Map<FalRoute.Kind, Answer> answers) {
        this.settings = settings;
        this.answers = Map.copyOf(answers);
    }

    ApiReply answer(APIGatewayProxyRequestEvent event) {
        FalRoute route;
        Map<String, String> query;
        if (PROXY_RESOURCE.equals(event.getResource())) {
            ProxyTarget target = ProxyTarget.parse(event.getHttpMethod(), Gateway.header(event, ProxyTarget.HEADER));
            if (target instanceof ProxyTarget.Refused refused) {
                return FalWire.error(400, refused.detail());
            }
            ProxyTarget.Routed routed = (ProxyTarget.Routed) target;
            route = routed.route();
            query = routed.query();
        } else {
            Optional<FalRoute> direct = FalRoute.match(event.getHttpMethod(), Gateway.resourcePath(event));
            if (direct.isEmpty()) {
                return FalWire.error(404, "Not found");
            }
            route = direct.get();
            query = Optional.ofNullable(event.getQueryStringParameters()).orElse(Map.of());
        }
        Answer answer = answers.get(route.kind());
        if (answer == null) {
            return FalWire.error(404, "Not found");
        }
        return answer.answer(new FalCall(route, query, event, Gateway.urls(event, settings)));
    }
}
