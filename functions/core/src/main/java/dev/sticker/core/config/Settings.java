package dev.sticker.core.config;

import dev.sticker.core.request.Retention;
import dev.sticker.core.wire.BaseUrl;
import dev.sticker.settings.Config;
import dev.sticker.settings.Setting;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The settings the services need, typed and read once through the one lookup ({@link Config}); what each means and
 * its default are in {@link Setting}.
 *
 * @param publicUrl      absolute base URL callers see, empty to derive it from each request
 * @param urlAllowlist   host or host:port entries the request-forgery guard lets through although private
 * @param allowedOrigin  the origin browsers may read answers from, {@code *} for any
 * @param streamDeadline how long a buffered status stream waits for completion before answering
 */
public record Settings(
        String table,
        String bucket,
        String jobQueueUrl,
        String publicUrl,
        List<String> urlAllowlist,
        int retentionDays,
        String allowedOrigin,
        Duration streamDeadline) {

    /** API Gateway ends every call at 29 s, so a buffered status stream must answer before that. */
    public static final int MAX_STREAM_DEADLINE_SECONDS = 28;
    private static final int MAX_RETENTION_DAYS = 3650;

    public Settings {
        urlAllowlist = List.copyOf(urlAllowlist);
        publicUrl = BaseUrl.of(publicUrl);
    }

    /** As this function is configured: system properties, then the environment. */
    public static Settings load() {
        return from(Config.system());
    }

    public static Settings from(Config config) {
        return new Settings(config.text(Setting.TABLE), config.text(Setting.BUCKET),
                config.text(Setting.JOB_QUEUE_URL), config.text(Setting.PUBLIC_URL), config.list(Setting.URL_ALLOWLIST),
                (int) config.wholeNumber(Setting.RETENTION_DAYS, 1, MAX_RETENTION_DAYS),
                config.text(Setting.ALLOWED_ORIGIN),
                Duration.ofSeconds(config.wholeNumber(Setting.STREAM_DEADLINE_SECONDS, 1, MAX_STREAM_DEADLINE_SECONDS)));
    }

    public Retention retention() {
        return Retention.days(retentionDays);
    }

    public Optional<String> configuredPublicUrl() {
        return publicUrl.isEmpty() ? Optional.empty() : Optional.of(publicUrl);
    }
}
