package dev.sticker.worker;

import dev.sticker.wiring.MicronautFunction;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.crac.OrderedResource;
import io.micronaut.crac.test.CheckpointSimulator;
import io.micronaut.crac.test.DefaultCheckpointSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The queue handlers' SnapStart hooks, driven by micronaut-crac's checkpoint simulator on the contexts Lambda would
 * build. Every AWS endpoint is a closed local port, so priming that made any call would fail.
 */
class WorkerPrimingTest {

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
    void jobHandlerPrimingRendersTheSamplePhotoBeforeTheSnapshot() {
        try (WorkerHandler handler = new WorkerHandler()) {
            WorkerPriming priming = handler.getApplicationContext().getBean(WorkerPriming.class);
            CheckpointSimulator simulator = simulator(handler);

            simulator.runBeforeCheckpoint();
            simulator.runAfterRestore();

            assertEquals(1, priming.primings());
            assertEquals(WorkerPriming.RENDERS, priming.renders());
            assertEquals(1, priming.restores());
        }
    }

    @Test
    void deadLetterHandlerPrimesWithoutTheEngine() {
        try (DeadLetterHandler handler = new DeadLetterHandler()) {
            WorkerPriming priming = handler.getApplicationContext().getBean(WorkerPriming.class);

            simulator(handler).runBeforeCheckpoint();

            assertEquals(1, priming.primings());
            assertEquals(0, priming.renders());
        }
    }

    /** The simulator micronaut-crac provides in its test environment, over the resources it would register. */
    private static CheckpointSimulator simulator(MicronautFunction handler) {
        List<OrderedResource> resources = new ArrayList<>(
                handler.getApplicationContext().getBeansOfType(OrderedResource.class));
        OrderUtil.sort(resources);
        return new DefaultCheckpointSimulator(resources);
    }
}
