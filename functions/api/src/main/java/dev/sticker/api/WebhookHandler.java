package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sticker.core.remote.CallbackSignature;
import dev.sticker.core.service.CallbackService;
import dev.sticker.core.wire.FalWire;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/**
 * POST /webhooks/{backend}/{id}: a remote worker's signed result. Unknown (or unconfigured) backends are 404;
 * a missing, wrong or stale signature is 401.
 */
public class WebhookHandler extends ApiHandler {

    @Inject
    CallbackRoutes callbacks;

    /** Used by Lambda. */
    public WebhookHandler() {
    }

    public WebhookHandler(ApplicationContext context) {
        super(context);
    }

    @Override
    public APIGatewayProxyResponseEvent execute(APIGatewayProxyRequestEvent event) {
        return Gateway.respond(event, () -> {
            CallbackService callback = callbacks.forBackend(Gateway.pathParameter(event, "backend"));
            if (callback == null) {
                return FalWire.error(404, "Unknown backend");
            }
            return callback.handle(Gateway.pathParameter(event, "id"), Gateway.body(event),
                    Gateway.header(event, CallbackSignature.HEADER));
        });
    }
}
