package dev.sticker.core.config;

import dev.sticker.core.request.Retention;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * All configuration, read once. Each key is looked up as a JVM system property of that exact name first, then as an
 * environment variable: the local cloud runs every handler in one JVM and passes settings as system properties.
 *
 * @param publicUrl    absolute base URL callers see (STICKER_PUBLIC_URL), empty to derive it from each request
 * @param urlAllowlist host or host:port entries the request-forgery guard lets through although private
 * @param allowedOrigin the origin browsers may read answers from (STICKER_ALLOWED_ORIGIN), {@code *} for any
 * @param streamDeadline how long a buffered status stream waits for completion before answering
 */
public record Settings(
        String table,
        String bucket,
        String jobQueueUrl,
        String publicUrl,
        BackendKind backend,
        String remoteWorkerUrl,
        List<String> urlAllowlist,
        int retentionDays,
        Secrets secrets,
        String allowedOrigin,
        Duration streamDeadline) {

    public static final String TABLE = "STICKER_TABLE";
    public static final String BUCKET = "STICKER_BUCKET";
    public static final String JOB_QUEUE_URL = "STICKER_JOB_QUEUE_URL";
    public static final String PUBLIC_URL = "STICKER_PUBLIC_URL";
    public static final String BACKEND = "STICKER_BACKEND";
    public static final String REMOTE_WORKER_URL = "STICKER_REMOTE_WORKER_URL";
    public static final String URL_ALLOWLIST = "STICKER_URL_ALLOWLIST";
    public static final String RETENTION_DAYS = "STICKER_RETENTION_DAYS";
    public static final String CALLBACK_SECRET = "STICKER_CALLBACK_SECRET";
    public static final String ALLOWED_ORIGIN = "STICKER_ALLOWED_ORIGIN";
    public static final String STREAM_DEADLINE_SECONDS = "STICKER_STREAM_DEADLINE_SECONDS";

    public static final int DEFAULT_RETENTION_DAYS = 7;
    /** API Gateway ends every call at 29 s, so a buffered status stream must answer before that. */
    public static final int MAX_STREAM_DEADLINE_SECONDS = 28;
    public static final int DEFAULT_STREAM_DEADLINE_SECONDS = 25;

    /** Which {@code Backend} generates stickers. */
    public enum BackendKind {
        /** The CPU engine inside the worker. */
        BUILTIN,
        /** A remote worker reached over HTTP that calls back when done (see docs/remote-backend.md). */
        HTTP
    }

    public Settings {
        urlAllowlist = List.copyOf(urlAllowlist);
        publicUrl = stripTrailingSlash(publicUrl == null ? "" : publicUrl.strip());
    }

    /** From system properties, then the environment. */
    public static Settings load() {
        return from(Settings::lookup);
    }

    /** One setting: the JVM system property of that name, else the environment variable (null when neither is set). */
    public static String lookup(String key) {
        String property = System.getProperty(key);
        return property != null ? property : System.getenv(key);
    }

    /** From any lookup (null = not set); the secret is looked up through the same function when asked for. */
    public static Settings from(UnaryOperator<String> lookup) {
        String backend = value(lookup, BACKEND, "builtin").toUpperCase(Locale.ROOT);
        BackendKind kind;
        try {
            kind = BackendKind.valueOf(backend);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(BACKEND + " must be builtin or http, got " + backend.toLowerCase(Locale.ROOT), e);
        }
        String retention = value(lookup, RETENTION_DAYS, Integer.toString(DEFAULT_RETENTION_DAYS));
        int days;
        try {
            days = Integer.parseInt(retention.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(RETENTION_DAYS + " must be a whole number of days, got " + retention, e);
        }
        if (days < 1) {
            throw new IllegalArgumentException(RETENTION_DAYS + " must be at least 1, got " + days);
        }
        List<String> allowlist = Arrays.stream(value(lookup, URL_ALLOWLIST, "").split(","))
                .map(String::strip).filter(entry -> !entry.isEmpty()).toList();
        String deadline = value(lookup, STREAM_DEADLINE_SECONDS, Integer.toString(DEFAULT_STREAM_DEADLINE_SECONDS));
        int deadlineSeconds;
        try {
            deadlineSeconds = Integer.parseInt(deadline.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(STREAM_DEADLINE_SECONDS + " must be a whole number of seconds, got "
                    + deadline, e);
        }
        if (deadlineSeconds < 1 || deadlineSeconds > MAX_STREAM_DEADLINE_SECONDS) {
            throw new IllegalArgumentException(STREAM_DEADLINE_SECONDS + " must be between 1 and "
                    + MAX_STREAM_DEADLINE_SECONDS + ", got " + deadlineSeconds);
        }
        Secrets secrets = () -> Optional.ofNullable(lookup.apply(CALLBACK_SECRET)).filter(s -> !s.isBlank());
        return new Settings(value(lookup, TABLE, ""), value(lookup, BUCKET, ""), value(lookup, JOB_QUEUE_URL, ""),
                value(lookup, PUBLIC_URL, ""), kind, value(lookup, REMOTE_WORKER_URL, ""), allowlist, days, secrets,
                value(lookup, ALLOWED_ORIGIN, "*").strip(), Duration.ofSeconds(deadlineSeconds));
    }

    public Retention retention() {
        return Retention.days(retentionDays);
    }

    public Optional<String> configuredPublicUrl() {
        return publicUrl.isEmpty() ? Optional.empty() : Optional.of(publicUrl);
    }

    private static String value(UnaryOperator<String> lookup, String key, String fallback) {
        String value = lookup.apply(key);
        return value == null ? fallback : value;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
