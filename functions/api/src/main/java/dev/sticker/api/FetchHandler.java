package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sticker.core.config.Settings;
import dev.sticker.core.service.RequestQueries;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.FalWire;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** The read side of the queue API and cancel: result, status, cancel, and the durable file route. */
public class FetchHandler extends ApiHandler {

    static final String RESULT = "GET /fal-ai/face-to-sticker/requests/{id}";
    static final String STATUS = "GET /fal-ai/face-to-sticker/requests/{id}/status";
    static final String CANCEL = "PUT /fal-ai/face-to-sticker/requests/{id}/cancel";
    static final String FILE = "GET /files/{key+}";

    @Inject
    RequestQueries queries;

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
        return Gateway.respond(event, () -> route(event));
    }

    private ApiReply route(APIGatewayProxyRequestEvent event) {
        String id = Gateway.pathParameter(event, "id");
        return switch (event.getHttpMethod() + " " + event.getResource()) {
            case RESULT -> queries.result(id, Gateway.urls(event, settings));
            case STATUS -> queries.status(id,
                    RequestQueries.logsRequested(Gateway.queryParameter(event, "logs")), Gateway.urls(event, settings));
            case CANCEL -> queries.cancel(id);
            case FILE -> queries.file(Gateway.pathParameter(event, "key"));
            default -> FalWire.error(404, "Not found");
        };
    }
}
