package dev.sticker.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

/** Test handler named as {@code Class::method}: a plain method taking only the event, no RequestHandler. */
public final class MethodHandler {

    public APIGatewayProxyResponseEvent answer(APIGatewayProxyRequestEvent event) {
        return new APIGatewayProxyResponseEvent().withStatusCode(200)
                .withBody("hello " + event.getPathParameters().get("name"));
    }
}
