package dev.sticker.core.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SettingsTest {

    @Test
    void readsEveryKey() {
        Map<String, String> values = Map.of(
                "STICKER_TABLE", "requests", "STICKER_BUCKET", "stickers", "STICKER_JOB_QUEUE_URL", "http://q/jobs",
                "STICKER_PUBLIC_URL", "https://stickers.example.com/", "STICKER_BACKEND", "http",
                "STICKER_REMOTE_WORKER_URL", "https://gpu.example.com/jobs",
                "STICKER_URL_ALLOWLIST", " 127.0.0.1:4566 , localhost ,", "STICKER_RETENTION_DAYS", "3",
                "STICKER_CALLBACK_SECRET", "s3cret");
        Settings settings = Settings.from(values::get);
        assertEquals("requests", settings.table());
        assertEquals("stickers", settings.bucket());
        assertEquals("http://q/jobs", settings.jobQueueUrl());
        assertEquals(Optional.of("https://stickers.example.com"), settings.configuredPublicUrl());
        assertEquals(Settings.BackendKind.HTTP, settings.backend());
        assertEquals("https://gpu.example.com/jobs", settings.remoteWorkerUrl());
        assertEquals(List.of("127.0.0.1:4566", "localhost"), settings.urlAllowlist());
        assertEquals(3, settings.retentionDays());
        assertEquals(Optional.of("s3cret"), settings.secrets().callbackSecret());
    }

    @Test
    void defaultsWhenUnset() {
        Settings settings = Settings.from(key -> null);
        assertEquals(Settings.BackendKind.BUILTIN, settings.backend());
        assertEquals(Optional.empty(), settings.configuredPublicUrl());
        assertEquals(List.of(), settings.urlAllowlist());
        assertEquals(7, settings.retentionDays());
        assertEquals(Optional.empty(), settings.secrets().callbackSecret());
    }

    @Test
    void badValuesAreRefusedWithTheKey() {
        IllegalArgumentException backend = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of("STICKER_BACKEND", "gpu")::get));
        assertEquals("STICKER_BACKEND must be builtin or http, got gpu", backend.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Settings.from(Map.of("STICKER_RETENTION_DAYS", "0")::get));
        assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Map.of("STICKER_RETENTION_DAYS", "week")::get));
    }

    @Test
    void systemPropertyIsReadFirst() {
        // Restored, not cleared: the shared local cloud of this JVM publishes its bucket as this very property.
        String previous = System.setProperty(Settings.BUCKET, "from-property");
        try {
            assertEquals("from-property", Settings.load().bucket());
        } finally {
            if (previous == null) {
                System.clearProperty(Settings.BUCKET);
            } else {
                System.setProperty(Settings.BUCKET, previous);
            }
        }
    }
}
