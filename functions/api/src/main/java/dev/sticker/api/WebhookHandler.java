package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.sticker.core.service.RemoteJobs;
import dev.sticker.core.wire.ApiReply;
import io.micronaut.context.ApplicationContext;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * POST /webhooks/{backend}/{id}: a provider's signed word on a job it runs for us, verified by the backend it names
 * (404 for a backend not configured here; 401 for a signature that does not verify) and applied by
 * {@link RemoteJobs}.
 */
public final class WebhookHandler extends ApiFunction {

    private final RemoteJobs remoteJobs;

    /** Used by Lambda. */
    public WebhookHandler() {
        this(startContext());
    }

    private WebhookHandler(ApplicationContext beans) {
        this(beans, beans.getBean(RemoteJobs.class));
    }

    public WebhookHandler(RemoteJobs remoteJobs) {
        this(null, remoteJobs);
    }

    private WebhookHandler(ApplicationContext beans, RemoteJobs remoteJobs) {
        // Backends call back server to server: no browser reads the answer.
        super(beans, null);
        this.remoteJobs = remoteJobs;
    }

    @Override
    ApiReply answer(APIGatewayProxyRequestEvent event) {
        String body = Gateway.body(event);
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        // Signatures are over the body's bytes as sent; JSON bodies reach functions as text.
        return remoteJobs.callback(Gateway.pathParameter(event, "backend"), Gateway.pathParameter(event, "id"),
                headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
    }
}
