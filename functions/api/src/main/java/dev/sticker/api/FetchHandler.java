package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.sticker.core.config.Settings;
import dev.sticker.core.service.RequestQueries;
import dev.sticker.core.service.StatusStream;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.FalRoute.Kind;
import dev.sticker.core.wire.OpenApiDocument;
import io.micronaut.context.ApplicationContext;

import java.util.Map;

/**
 * The read side of the queue API and cancel: result, status, status stream, cancel and the durable file route, on
 * their own routes and as GETs and PUTs through the fal proxies; the webhook signing keys (JWKS), which any receiver
 * may fetch without a key; and what a person or a client generator reads first: the playground page and the OpenAPI
 * document.
 */
public final class FetchHandler extends ApiFunction {

    /** The webhook signing keys, answered here rather than by a fal call: fal publishes them the same way. */
    static final String JWKS = "GET /.well-known/jwks.json";
    static final String OPENAPI = "GET /openapi.json";
    static final String HOME = "GET /";
    static final String PLAYGROUND = "GET /playground";
    static final String PLAYGROUND_FILE = "GET /playground/{file+}";

    private final FalCalls calls;
    private final PublishedKeys keys;
    private final Settings settings;
    private final PlaygroundFiles playground = new PlaygroundFiles(FetchHandler.class.getClassLoader());

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
        this.settings = settings;
        this.calls = new FalCalls(settings, access, Map.of(
                Kind.STATUS, call -> queries.status(call.caller(), call.requestId(), logs(call), call.urls()),
                Kind.STATUS_STREAM, call -> streams.gather(call.caller(), call.requestId(), logs(call), call.urls(),
                        settings.streamDeadline()),
                Kind.RESULT, call -> queries.result(call.caller(), call.requestId(), call.urls()),
                Kind.CANCEL, call -> queries.cancel(call.caller(), call.requestId()),
                Kind.FILE, call -> queries.file(call.route().fileKey())));
    }

    /** The calls that are not fal's are answered first; none of them needs a key. */
    @Override
    ApiReply answer(APIGatewayProxyRequestEvent event) {
        String ifNoneMatch = Gateway.header(event, "If-None-Match");
        return switch (event.getHttpMethod() + " " + event.getResource()) {
            case JWKS -> keys.jwks();
            case OPENAPI -> OpenApiDocument.reply(Gateway.urls(event, settings));
            case HOME, PLAYGROUND -> playground.page(Gateway.urls(event, settings), ifNoneMatch);
            case PLAYGROUND_FILE -> {
                String file = Gateway.pathParameter(event, "file");
                yield file == null || file.isEmpty() ? playground.page(Gateway.urls(event, settings), ifNoneMatch)
                        : playground.asset(file, ifNoneMatch);
            }
            default -> calls.answer(event);
        };
    }

    private static boolean logs(FalCalls.FalCall call) {
        return RequestQueries.logsRequested(call.query().get("logs"));
    }
}
