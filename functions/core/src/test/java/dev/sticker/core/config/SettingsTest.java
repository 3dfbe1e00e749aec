package dev.sticker.core.config;

import dev.sticker.settings.Config;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SettingsTest {

    @Test
    void readsEverySetting() {
        Map<String, String> values = Map.ofEntries(
                Map.entry("STICKER_TABLE", "requests"), Map.entry("STICKER_BUCKET", "stickers"),
                Map.entry("STICKER_JOB_QUEUE_URL", "http://q/jobs"),
                Map.entry("STICKER_PUBLIC_URL", "https://stickers.example.com/"),
                Map.entry("STICKER_URL_ALLOWLIST", " 127.0.0.1:4566 , localhost ,"),
                Map.entry("STICKER_RETENTION_DAYS", "3"), Map.entry("STICKER_ALLOWED_ORIGIN", "https://app.example.com"),
                Map.entry("STICKER_STREAM_DEADLINE_SECONDS", "10"));

        Settings settings = Settings.from(Config.of(values::get));

        assertEquals("requests", settings.table());
        assertEquals("stickers", settings.bucket());
        assertEquals("http://q/jobs", settings.jobQueueUrl());
        assertEquals(Optional.of("https://stickers.example.com"), settings.configuredPublicUrl());
        assertEquals(List.of("127.0.0.1:4566", "localhost"), settings.urlAllowlist());
        assertEquals(3, settings.retentionDays());
        assertEquals("https://app.example.com", settings.allowedOrigin());
        assertEquals(Duration.ofSeconds(10), settings.streamDeadline());
    }

    @Test
    void defaultsWhenUnset() {
        Settings settings = Settings.from(Config.of(key -> null));

        assertEquals(Optional.empty(), settings.configuredPublicUrl());
        assertEquals(List.of(), settings.urlAllowlist());
        assertEquals(7, settings.retentionDays());
        assertEquals("*", settings.allowedOrigin());
        assertEquals(Duration.ofSeconds(25), settings.streamDeadline());
    }

    @Test
    void badValuesAreRefusedWithTheVariable() {
        IllegalArgumentException retention = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Config.of(Map.of("STICKER_RETENTION_DAYS", "0")::get)));
        IllegalArgumentException deadline = assertThrows(IllegalArgumentException.class,
                () -> Settings.from(Config.of(Map.of("STICKER_STREAM_DEADLINE_SECONDS", "29")::get)));

        assertEquals("STICKER_RETENTION_DAYS must be between 1 and 3650, got 0", retention.getMessage());
        assertEquals("STICKER_STREAM_DEADLINE_SECONDS must be between 1 and 28, got 29", deadline.getMessage());
    }
}
