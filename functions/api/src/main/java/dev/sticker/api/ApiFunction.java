package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.wiring.MicronautFunction;
import io.micronaut.context.ApplicationContext;

/**
 * An API Gateway proxy function: each call is answered with CORS headers for the configured origin, and anything it
 * throws becomes a 500 in fal's shape (see {@link Gateway#respond}).
 */
public abstract class ApiFunction extends MicronautFunction
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    /** The Micronaut environment the API's functions run in: their beans and none of the worker's. */
    static final String ENVIRONMENT = "sticker-api";

    private final String allowedOrigin;

    /** @param allowedOrigin the origin browsers may read answers from; null for calls no browser makes */
    ApiFunction(ApplicationContext context, String allowedOrigin) {
        super(context);
        this.allowedOrigin = allowedOrigin;
    }

    static ApplicationContext startContext() {
        return start(ENVIRONMENT);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return allowedOrigin == null ? Gateway.respond(event, () -> answer(event))
                : Gateway.respond(event, allowedOrigin, () -> answer(event));
    }

    abstract ApiReply answer(APIGatewayProxyRequestEvent event);
}
