package dev.sticker.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The cold-start baseline: a submit written as a plain Java Lambda, with no framework. It parses the JSON body with
 * Jackson, checks that image_url is there, and makes the same DynamoDB and SQS calls as the real submit with SDK v2
 * clients built once, in the constructor.
 */
public final class PlainSubmitHandler
        implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json");

    /** What a default 1024 x 1024 sticker costs at the default unit price. */
    private static final long PRICE_MICROS = 20_972;

    private final PlainStore store;

    /** Used by Lambda. */
    public PlainSubmitHandler() {
        this(PlainStore.fromSettings(PlainStore::setting));
    }

    PlainSubmitHandler(PlainStore store) {
        this.store = store;
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        JsonNode input;
        try {
            input = JSON.readTree(event.getBody() == null ? "" : event.getBody());
        } catch (JsonProcessingException e) {
            return reply(400, JSON.createObjectNode().put("detail", "body is not JSON"));
        }
        if (input == null || !input.path("image_url").isTextual()) {
            return reply(422, JSON.createObjectNode().put("detail", "image_url is required"));
        }
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        store.countCall("plain-key", now);
        PlainStore.QueueTicket ticket = store.reserve(PRICE_MICROS);
        store.create(id, input.toString(), ticket.seq(), now);
        store.enqueue(id);
        long position = Math.max(0, ticket.seq() - ticket.started() - 1);
        return reply(200, JSON.createObjectNode()
                .put("request_id", id)
                .put("status", "IN_QUEUE")
                .put("queue_position", position));
    }

    private static APIGatewayProxyResponseEvent reply(int status, ObjectNode body) {
        return new APIGatewayProxyResponseEvent().withStatusCode(status).withHeaders(JSON_HEADERS)
                .withBody(body.toString()).withIsBase64Encoded(false);
    }
}
