package dev.sticker.settings;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigTest {

    @Test
    void aSetValueWinsOverTheDefaultAndIsTrimmed() {
        Config config = Config.of(Map.of("STICKER_RETENTION_DAYS", " 3 ")::get);

        assertEquals("3", config.text(Setting.RETENTION_DAYS));
        assertEquals("*", config.text(Setting.ALLOWED_ORIGIN));
        assertEquals("", config.text(Setting.TABLE), "no value and no default");
    }

    @Test
    void optionalIsEmptyForBlankAndUnsetValues() {
        Config config = Config.of(Map.of("STICKER_PUBLIC_URL", "  ", "STICKER_REMOTE_WORKER_URL", "https://gpu")::get);

        assertEquals(Optional.empty(), config.optional(Setting.PUBLIC_URL));
        assertEquals(Optional.empty(), config.optional(Setting.WEBHOOK_API_URL));
        assertEquals(Optional.of("https://gpu"), config.optional(Setting.REMOTE_WORKER_URL));
    }

    @Test
    void numbersAndWordsAreCheckedAndRefusalsNameTheVariable() {
        Config config = Config.of(Map.of("STICKER_RETENTION_DAYS", "week", "STICKER_WEBHOOK_BACKOFF_SECONDS", "-1",
                "STICKER_BACKENDS", "Fal, builtin", "STICKER_URL_ALLOWLIST", "a, ,b:1,")::get);

        assertEquals("STICKER_RETENTION_DAYS must be a whole number, got week", assertThrows(
                IllegalArgumentException.class, () -> config.wholeNumber(Setting.RETENTION_DAYS, 1, 10)).getMessage());
        assertEquals("STICKER_WEBHOOK_BACKOFF_SECONDS must be above 0, got -1", assertThrows(
                IllegalArgumentException.class, () -> config.positiveNumber(Setting.WEBHOOK_BACKOFF_SECONDS))
                .getMessage());
        assertEquals(List.of("fal", "builtin"), config.listOf(Setting.BACKENDS, List.of("builtin", "fal", "http")));
        assertEquals("STICKER_BACKENDS must be a list of builtin, http, got Fal, builtin", assertThrows(
                IllegalArgumentException.class, () -> config.listOf(Setting.BACKENDS, List.of("builtin", "http")))
                .getMessage());
        assertEquals(List.of("a", "b:1"), config.list(Setting.URL_ALLOWLIST));
    }

    @Test
    void aSystemPropertyIsReadBeforeTheEnvironment() {
        String variable = Setting.STREAM_DEADLINE_SECONDS.variable();
        String previous = System.setProperty(variable, "12");
        try {
            assertEquals(12, Config.system().wholeNumber(Setting.STREAM_DEADLINE_SECONDS, 1, 28));
        } finally {
            if (previous == null) {
                System.clearProperty(variable);
            } else {
                System.setProperty(variable, previous);
            }
        }
    }
}
