package dev.sticker.core.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.port.DeliveryQueue;
import dev.sticker.core.webhook.DeliveryJob;
import dev.sticker.core.wire.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.function.Supplier;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Webhook deliveries as SQS messages, {@code {"request_id","attempt","not_before"}} (epoch seconds), delayed with
 * DelaySeconds.
 */
public final class SqsDeliveryQueue implements DeliveryQueue {

    private static final ObjectMapper JSON = Json.MAPPER;

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    /** The client is asked for on each call, so it may be built on first use. */
    public SqsDeliveryQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(DeliveryJob job, Duration delay) {
        int seconds = SqsDelays.seconds(delay);
        sqs.get().sendMessage(send -> send.queueUrl(queueUrl).messageBody(body(job)).delaySeconds(seconds));
    }

    public static String body(DeliveryJob job) {
        return JSON.createObjectNode()
                .put("request_id", job.requestId())
                .put("attempt", job.attempt())
                .put("not_before", job.notBefore().toEpochMilli() / 1000.0)
                .toString();
    }

    /** The job in a message body, or empty when the body is not a delivery message. */
    public static Optional<DeliveryJob> job(String body) {
        try {
            JsonNode node = JSON.readTree(body == null ? "" : body);
            JsonNode id = node.path("request_id");
            int attempt = node.path("attempt").asInt(0);
            if (!id.isTextual() || id.asText().isBlank() || attempt < 1 || !node.path("not_before").isNumber()) {
                return Optional.empty();
            }
            long millis = Math.round(node.path("not_before").asDouble() * 1000);
            return Optional.of(new DeliveryJob(id.asText(), attempt, Instant.ofEpochMilli(millis)));
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }
}
