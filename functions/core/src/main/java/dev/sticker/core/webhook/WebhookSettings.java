package dev.sticker.core.webhook;

import dev.sticker.core.wire.BaseUrl;
import dev.sticker.settings.Config;
import dev.sticker.settings.Setting;

import java.time.Duration;
import java.util.Optional;

/**
 * Webhook delivery's settings, read through the one lookup; what each means is in {@link Setting}.
 *
 * @param queueUrl the delivery queue; empty where nothing delivers webhooks
 * @param backoff  the wait after the first failed attempt, doubled after each further one
 * @param apiUrl   the API's base URL for the result URLs in payloads, else empty
 */
public record WebhookSettings(String queueUrl, Duration backoff, Optional<String> apiUrl) {

    public static final Duration DEFAULT_BACKOFF =
            Duration.ofSeconds(Long.parseLong(Setting.WEBHOOK_BACKOFF_SECONDS.defaultValue()));

    public static WebhookSettings load() {
        return from(Config.system());
    }

    public static WebhookSettings from(Config config) {
        double seconds = config.positiveNumber(Setting.WEBHOOK_BACKOFF_SECONDS);
        return new WebhookSettings(config.text(Setting.WEBHOOK_QUEUE_URL), Duration.ofMillis(Math.round(seconds * 1000)),
                config.optional(Setting.WEBHOOK_API_URL)
                        .map(BaseUrl::of));
    }
}
