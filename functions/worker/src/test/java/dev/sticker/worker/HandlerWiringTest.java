package dev.sticker.worker;

import dev.sticker.core.backend.Backends;
import dev.sticker.core.service.DeadLetterService;
import dev.sticker.core.service.JobRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The handlers as Lambda builds them (no-argument constructor, everything made at init); no call is made. */
class HandlerWiringTest {

    private static final Map<String, String> PROPERTIES = Map.of(
            "aws.region", "eu-west-1",
            "aws.accessKeyId", "wiring-test",
            "aws.secretAccessKey", "wiring-test",
            "STICKER_TABLE", "requests",
            "STICKER_BUCKET", "stickers",
            "STICKER_JOB_QUEUE_URL", "https://sqs.eu-west-1.amazonaws.com/123456789012/jobs",
            "STICKER_BACKEND", "builtin");
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
    void jobHandlerRunsJobsOnTheBuiltinEngine() {
        try (WorkerHandler handler = new WorkerHandler()) {
            assertInstanceOf(BuiltinBackend.class, handler.getApplicationContext().getBean(Backends.class)
                    .named(Backends.BUILTIN).orElseThrow());
            assertTrue(handler.getApplicationContext().containsBean(JobRunner.class));
        }
    }

    @Test
    void deadLetterHandlerNeverLoadsTheEngine() {
        try (DeadLetterHandler handler = new DeadLetterHandler()) {
            assertTrue(handler.getApplicationContext().containsBean(DeadLetterService.class));
            assertFalse(handler.getApplicationContext().containsBean(Backends.class));
            assertFalse(handler.getApplicationContext().containsBean(JobRunner.class));
        }
    }
}
