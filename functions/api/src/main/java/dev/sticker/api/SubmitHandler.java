package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sticker.core.config.Settings;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/**
 * The writing calls: submit (fal's queue submit) and the storage upload, on their own routes and as POSTs through
 * the fal proxy.
 */
public class SubmitHandler extends ApiHandler {

    @Inject
    FalCalls calls;

    @Inject
    Settings settings;

    /** Used by Lambda. */
    public SubmitHandler() {
    }

    public SubmitHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public APIGatewayProxyResponseEvent execute(APIGatewayProxyRequestEvent event) {
        return Gateway.respond(event, settings.allowedOrigin(), () -> calls.answer(event));
    }
}
