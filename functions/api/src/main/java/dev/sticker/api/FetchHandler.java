package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.sticker.core.config.Settings;
import dev.sticker.core.service.RequestQueries;
import dev.sticker.core.service.StatusStream;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.FalRoute.Kind;
import io.micronaut.context.ApplicationContext;

import java.util.Map;

/**
 * The read side of the queue API and cancel: result, status, status stream, cancel and the durable file route, on
 * their own routes and as GETs and PUTs through the fal proxies; and the webhook signing keys (JWKS), which any
 * receiver may fetch without a key.
 */
public final class FetchHandler extends ApiFunction {

    /** The webhook signing keys, answered here rather than by a fal call: fal publishes them the same way. */
    static final String JWKS = "GET /.well-known/jwks.json";

    private final FalCalls calls;
    private final PublishedKeys keys;

    /** Used by Lambda. */
    public FetchHandler() {
        this(startContext());
    }

    private FetchHandler(ApplicationContext beans) {
        this(beans, beans.getBean(RequestQueries.class), beans.getBean(StatusStream.class),
                beans.getBean(PublishedKeys.class), beans.getBean(Access.class), beans.getBean(Settings.class));
    }

    public FetchHandler(RequestQueries queries, StatusStream streams, PublishedKeys keys, Access access,
                        Settings settings) {
        this(null, queries, streams, keys, access, settings);
    }

    private FetchHandler(ApplicationContext beans, RequestQueries queries, StatusStream streams, PublishedKeys keys,
                         Access access, Settings settings) {
        super(beans, settings.allowedOrigin());
        this.keys = keys;
        this.calls = new FalCalls(settings, access, Map.of(
                Kind.STATUS, call -> queries.status(call.caller(), call.requestId(), logs(call), call.urls()),
                Kind.STATUS_STREAM, call -> streams.gather(call.caller(), call.requestId(), logs(call), call.urls(),
                        settings.streamDeadline()),
                Kind.RESULT, call -> queries.result(call.caller(), call.requestId(), call.urls()),
                Kind.CANCEL, call -> queries.cancel(call.caller(), call.requestId()),
                Kind.FILE, call -> queries.file(call.route().fileKey())));
    }

    @Override
    ApiReply answer(APIGatewayProxyRequestEvent event) {
        return JWKS.equals(event.getHttpMethod() + " " + event.getResource()) ? keys.jwks() : calls.answer(event);
    }

    private static boolean logs(FalCalls.FalCall call) {
        return RequestQueries.logsRequested(call.query().get("logs"));
    }
}
