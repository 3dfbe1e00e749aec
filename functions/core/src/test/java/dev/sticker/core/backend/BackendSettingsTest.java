package dev.sticker.core.backend;

import dev.sticker.settings.Config;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BackendSettingsTest {

    @Test
    void backendsAreReadInOrderWithTheirProviders() {
        BackendSettings settings = BackendSettings.from(Config.of(Map.of("STICKER_BACKENDS", "fal, Replicate,builtin",
                "STICKER_FAL_QUEUE_URL", "https://queue.example.com", "STICKER_CIRCUIT_FAILURES", "3")::get));

        assertEquals(List.of("fal", "replicate", "builtin"), settings.order());
        assertEquals("https://queue.example.com", settings.falQueueUrl());
        assertEquals("https://api.replicate.com", settings.replicateApiUrl());
        assertEquals(3, settings.circuitFailures());
        assertEquals(Duration.ofSeconds(60), settings.circuitCoolDown());
    }

    @Test
    void theBuiltinEngineAloneByDefault() {
        assertEquals(List.of("builtin"), BackendSettings.from(Config.of(key -> null)).order());
    }

    @Test
    void unknownOrRepeatedBackendsAreRefusedByName() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> BackendSettings.from(Config.of(Map.of("STICKER_BACKENDS", "fal,midjourney")::get)));
        assertThrows(IllegalArgumentException.class,
                () -> BackendSettings.from(Config.of(Map.of("STICKER_BACKENDS", "fal,fal")::get)));

        assertEquals("STICKER_BACKENDS must be a list of builtin, fal, replicate, comfyui, http, got fal,midjourney",
                unknown.getMessage());
    }
}
