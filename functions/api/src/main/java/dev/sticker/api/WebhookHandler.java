package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.sticker.core.remote.RemoteWorkerProtocol;
import dev.sticker.core.service.CallbackService;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.FalWire;
import io.micronaut.context.ApplicationContext;

/**
 * POST /webhooks/{backend}/{id}: a remote worker's signed result. Unknown (or unconfigured) backends are 404;
 * a missing, wrong or stale signature is 401.
 */
public final class WebhookHandler extends ApiFunction {

    private final CallbackRoutes callbacks;

    /** Used by Lambda. */
    public WebhookHandler() {
        this(startContext());
    }

    private WebhookHandler(ApplicationContext beans) {
        this(beans, beans.getBean(CallbackRoutes.class));
    }

    public WebhookHandler(CallbackRoutes callbacks) {
        this(null, callbacks);
    }

    private WebhookHandler(ApplicationContext beans, CallbackRoutes callbacks) {
        // Backends call back server to server: no browser reads the answer.
        super(beans, null);
        this.callbacks = callbacks;
    }

    @Override
    ApiReply answer(APIGatewayProxyRequestEvent event) {
        CallbackService callback = callbacks.forBackend(Gateway.pathParameter(event, "backend"));
        if (callback == null) {
            return FalWire.error(404, "Unknown backend");
        }
        return callback.handle(Gateway.pathParameter(event, "id"), Gateway.body(event),
                Gateway.header(event, RemoteWorkerProtocol.SIGNATURE_HEADER));
    }
}
