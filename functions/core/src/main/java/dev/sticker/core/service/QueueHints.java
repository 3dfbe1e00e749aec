package dev.sticker.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.wire.Json;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What fal's clients say about a request besides its input, in headers: its queue priority, a runner hint, a
 * server-side timeout and how long its result files should live. This service has one queue and one kind of
 * runner, so priority, hint and timeout are recorded (logged with the request) but change nothing; the object
 * lifecycle preference shortens the request's expiry. Values that cannot be understood are left out, as headers
 * are hints, not input.
 *
 * @param priority       {@code normal} or {@code low}
 * @param runnerHint     the runner hint as sent, or null
 * @param requestTimeout the requested server-side timeout, or null
 * @param resultLifetime how long the result should stay available, or null for the retention period
 */
public record QueueHints(String priority, String runnerHint, Duration requestTimeout, Duration resultLifetime) {

    public static final String PRIORITY_HEADER = "x-fal-queue-priority";
    public static final String RUNNER_HINT_HEADER = "x-fal-runner-hint";
    public static final String REQUEST_TIMEOUT_HEADER = "x-fal-request-timeout";
    public static final String OBJECT_LIFECYCLE_HEADER = "x-fal-object-lifecycle-preference";
    public static final QueueHints NONE = new QueueHints("normal", null, null, null);

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final int MAX_HINT_LENGTH = 256;

    /** From a request's headers ({@code header} looks one up by lower-case name, null when absent). */
    public static QueueHints fromHeaders(UnaryOperator<String> header) {
        String priority = Optional.ofNullable(header.apply(PRIORITY_HEADER)).map(p -> p.strip().toLowerCase(Locale.ROOT))
                .filter(p -> p.equals("low")).orElse("normal");
        String hint = Optional.ofNullable(header.apply(RUNNER_HINT_HEADER)).map(String::strip)
                .filter(h -> !h.isEmpty() && h.length() <= MAX_HINT_LENGTH).orElse(null);
        return new QueueHints(priority, hint, seconds(header.apply(REQUEST_TIMEOUT_HEADER)),
                lifetime(header.apply(OBJECT_LIFECYCLE_HEADER)));
    }

    /** {@code {"expiration_duration_seconds": N}}: N positive whole seconds. */
    private static Duration lifetime(String preference) {
        if (preference == null || preference.isBlank()) {
            return null;
        }
        try {
            JsonNode seconds = JSON.readTree(preference).path("expiration_duration_seconds");
            return seconds.canConvertToLong() && seconds.asLong() > 0 ? Duration.ofSeconds(seconds.asLong()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static Duration seconds(String value) {
        if (value == null) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(value.strip());
            return seconds > 0 && seconds < Duration.ofDays(1).toSeconds()
                    ? Duration.ofMillis(Math.round(seconds * 1000)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
