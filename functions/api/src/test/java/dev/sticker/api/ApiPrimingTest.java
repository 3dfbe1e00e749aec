package dev.sticker.api;

import io.micronaut.core.order.OrderUtil;
import io.micronaut.crac.OrderedResource;
import io.micronaut.crac.test.CheckpointSimulator;
import io.micronaut.crac.test.DefaultCheckpointSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API handlers' SnapStart hooks, driven by micronaut-crac's checkpoint simulator on the context Lambda would
 * build. Every AWS endpoint is a closed local port, so priming that made any call would fail.
 */
class ApiPrimingTest {

    private static final String CLOSED_PORT = "http://127.0.0.1:9";
    private static final Map<String, String> PROPERTIES = Map.ofEntries(
            Map.entry("aws.region", "eu-west-1"),
            Map.entry("aws.accessKeyId", "priming-test"),
            Map.entry("aws.secretAccessKey", "priming-test"),
            Map.entry("STICKER_ENDPOINT_DYNAMODB", CLOSED_PORT),
            Map.entry("STICKER_ENDPOINT_S3", CLOSED_PORT),
            Map.entry("STICKER_ENDPOINT_SQS", CLOSED_PORT),
            Map.entry("STICKER_ENDPOINT_SSM", CLOSED_PORT),
            Map.entry("STICKER_TABLE", "requests"),
            Map.entry("STICKER_BUCKET", "stickers"),
            Map.entry("STICKER_JOB_QUEUE_URL", CLOSED_PORT + "/123456789012/jobs"),
            Map.entry("STICKER_BACKEND", "builtin"));
    private static final Map<String, String> PREVIOUS = new HashMap<>();

    @BeforeAll
    static void configure() {
        PROPERTIES.forEach((key, value) -> PREVIOUS.put(key, System.setProperty(key, value)));
    }

    @AfterAll
    static void restore() {
        PREVIOUS.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void eachCheckpointPrimesAndEachRestoreIsSeen() {
        try (SubmitHandler handler = new SubmitHandler()) {
            ApiPriming priming = handler.getApplicationContext().getBean(ApiPriming.class);
            CheckpointSimulator simulator = simulator(handler);

            simulator.runBeforeCheckpoint();
            simulator.runAfterRestore();
            simulator.runBeforeCheckpoint();
            simulator.runAfterRestore();

            assertEquals(2, priming.primings());
            assertEquals(2, priming.restores());
        }
    }

    @Test
    void everyApiHandlerRegistersThePriming() {
        for (ApiFunction handler : List.of(new SubmitHandler(), new FetchHandler(), new WebhookHandler())) {
            try (handler) {
                assertTrue(handler.getApplicationContext().getBeansOfType(OrderedResource.class).stream()
                        .anyMatch(ApiPriming.class::isInstance), handler.getClass().getSimpleName());
            }
        }
    }

    /** The simulator micronaut-crac provides in its test environment, over the resources it would register. */
    private static CheckpointSimulator simulator(ApiFunction handler) {
        List<OrderedResource> resources = new ArrayList<>(
                handler.getApplicationContext().getBeansOfType(OrderedResource.class));
        OrderUtil.sort(resources);
        return new DefaultCheckpointSimulator(resources);
    }
}
