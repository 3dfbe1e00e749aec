package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sticker.core.config.Settings;
import dev.sticker.core.service.SubmitService;
import dev.sticker.core.service.Submission;
import io.micronaut.context.ApplicationContext;
import jakarta.inject.Inject;

/** POST /fal-ai/face-to-sticker: validate, store and queue a request (fal's queue submit). */
public class SubmitHandler extends ApiHandler {

    @Inject
    SubmitService submissions;

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
        return Gateway.respond(event, () -> submissions.submit(
                new Submission(Gateway.body(event), Gateway.queryParameter(event, "fal_webhook"), null),
                Gateway.urls(event, settings)));
    }
}
