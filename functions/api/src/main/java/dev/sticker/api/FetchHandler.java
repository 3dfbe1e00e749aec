package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sticker.core.config.Settings;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/**
 * The read side of the queue API and cancel: result, status, status stream, cancel and the durable file route, on
 * their own routes and as GETs and PUTs through the fal proxy.
 */
public class FetchHandler extends ApiHandler {

    /** The webhook signing keys, answered here rather than by a fal call: fal publishes them the same way. */
    static final String JWKS = "GET /.well-known/jwks.json";

    @Inject
    FalCalls calls;

    @Inject
    PublishedKeys keys;

    @Inject
    Settings settings;

    /** Used by Lambda. */
    public FetchHandler() {
    }

    public FetchHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public APIGatewayProxyResponseEvent execute(APIGatewayProxyRequestEvent event) {
        return Gateway.respond(event, settings.allowedOrigin(),
                () -> JWKS.equals(event.getHttpMethod() + " " + event.getResource()) ? keys.jwks() : calls.answer(event));
    }
}
