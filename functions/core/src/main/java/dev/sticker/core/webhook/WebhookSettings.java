package dev.sticker.core.webhook;

import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Webhook delivery's configuration, looked up like the rest (system property, then environment).
 *
 * @param queueUrl         the delivery queue (STICKER_WEBHOOK_QUEUE_URL); empty where nothing delivers webhooks
 * @param signingKeyPem    the signing key itself (STICKER_WEBHOOK_KEY, the local cloud sets it), else empty
 * @param keyParameter     the SSM SecureString holding the key (STICKER_WEBHOOK_KEY_PARAMETER), else empty
 * @param backoff          the wait after the first failed attempt, doubled after each further one
 *                         (STICKER_WEBHOOK_BACKOFF_SECONDS, default 15: ten attempts span about two hours)
 * @param apiUrl           the API's base URL for the result URLs in payloads (STICKER_WEBHOOK_API_URL), else empty
 */
public record WebhookSettings(String queueUrl, Optional<String> signingKeyPem, Optional<String> keyParameter,
                              Duration backoff, Optional<String> apiUrl) {

    public static final String QUEUE_URL = "STICKER_WEBHOOK_QUEUE_URL";
    public static final String KEY = "STICKER_WEBHOOK_KEY";
    public static final String KEY_PARAMETER = "STICKER_WEBHOOK_KEY_PARAMETER";
    public static final String BACKOFF_SECONDS = "STICKER_WEBHOOK_BACKOFF_SECONDS";
    public static final String API_URL = "STICKER_WEBHOOK_API_URL";
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(15);

    public static WebhookSettings load() {
        return from(key -> {
            String property = System.getProperty(key);
            return property != null ? property : System.getenv(key);
        });
    }

    public static WebhookSettings from(UnaryOperator<String> lookup) {
        String backoff = present(lookup.apply(BACKOFF_SECONDS)).orElse(Long.toString(DEFAULT_BACKOFF.toSeconds()));
        double seconds;
        try {
            seconds = Double.parseDouble(backoff.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(BACKOFF_SECONDS + " must be a number of seconds, got " + backoff, e);
        }
        if (!(seconds > 0)) {
            throw new IllegalArgumentException(BACKOFF_SECONDS + " must be above 0, got " + backoff);
        }
        return new WebhookSettings(present(lookup.apply(QUEUE_URL)).orElse(""), present(lookup.apply(KEY)),
                present(lookup.apply(KEY_PARAMETER)), Duration.ofMillis(Math.round(seconds * 1000)),
                present(lookup.apply(API_URL)).map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url));
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
