package dev.sticker.worker;

import dev.sticker.core.port.Backend;
import dev.sticker.core.service.JobRunner;
import dev.sticker.core.webhook.SigningKey;
import dev.sticker.core.webhook.WebhookDelivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The delivery handler as Lambda builds it, with the webhook settings the template gives; no call is made. */
class DeliveryWiringTest {

    private static final Map<String, String> PROPERTIES = Map.of(
            "aws.region", "eu-west-1",
            "aws.accessKeyId", "wiring-test",
            "aws.secretAccessKey", "wiring-test",
            "STICKER_TABLE", "requests",
            "STICKER_BUCKET", "stickers",
            "STICKER_WEBHOOK_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/deliveries",
            "STICKER_WEBHOOK_KEY", SigningKey.generate().toPem(),
            "STICKER_WEBHOOK_API_URL", "https://stickers.example.com");
    private static SystemProperties properties;

    @BeforeAll
    static void configure() {
        properties = SystemProperties.set(PROPERTIES);
    }

    @AfterAll
    static void restore() {
        properties.restore();
    }

    @Test
    void deliveryHandlerSignsAndPostsWithoutLoadingTheEngine() {
        try (DeliveryHandler handler = new DeliveryHandler()) {
            assertTrue(handler.getApplicationContext().containsBean(WebhookDelivery.class));
            assertFalse(handler.getApplicationContext().containsBean(Backend.class));
            assertFalse(handler.getApplicationContext().containsBean(JobRunner.class));
        }
    }
}
