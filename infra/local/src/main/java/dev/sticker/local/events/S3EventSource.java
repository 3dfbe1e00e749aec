package dev.sticker.local.events;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import dev.sticker.local.function.EventDefinition;
import dev.sticker.local.function.LocalFunction;
import dev.sticker.local.template.Intrinsics;
import dev.sticker.local.template.TemplateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code Type: S3} event: every object stored in the event's Bucket whose event name matches one of its Events
 * ({@code s3:ObjectCreated:*}, {@code s3:ObjectCreated:Put} ...) and whose key passes its {@code Filter.S3Key.Rules}
 * (prefix, suffix) is delivered to the function as S3 delivers it: an asynchronous invocation with an {@link S3Event}
 * of one record, the key URL-encoded, retried twice if the function throws, then dropped with an error in the log.
 */
public final class S3EventSource implements EventSource {

    private static final Logger LOG = LoggerFactory.getLogger(S3EventSource.class);
    /** Lambda retries a failed asynchronous invocation twice. */
    private static final int ATTEMPTS = 3;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    private static final AtomicLong SEQUENCER = new AtomicLong(System.currentTimeMillis() << 16);

    private final LocalFunction function;
    private final String eventName;
    private final String bucket;
    private final List<String> events;
    private final String prefix;
    private final String suffix;
    private final BucketNotifications notifications;
    private final Consumer<ObjectCreated> subscriber = this::onCreated;
    private final ExecutorService invoker;
    /** Events announced and not yet delivered or dropped. */
    private final AtomicInteger pending = new AtomicInteger();

    public S3EventSource(LocalFunction function, EventDefinition event, BucketNotifications notifications) {
        this.function = function;
        this.eventName = event.name();
        this.notifications = notifications;
        Map<String, Object> properties = event.properties();
        this.bucket = String.valueOf(properties.get("Bucket"));
        Object declared = properties.get("Events");
        this.events = declared instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(declared));
        Map<String, String> rules = filterRules(properties.get("Filter"));
        this.prefix = rules.getOrDefault("prefix", "");
        this.suffix = rules.getOrDefault("suffix", "");
        this.invoker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "s3-" + function.definition().logicalId() + "-" + eventName);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start() {
        notifications.subscribe(subscriber);
    }

    /** Takes no new objects; the events already announced are still delivered, as they are on AWS. */
    @Override
    public void stop() {
        notifications.unsubscribe(subscriber);
        invoker.shutdown();
    }

    @Override
    public int runningInvocations() {
        return pending.get();
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return invoker.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        stop();
        invoker.shutdownNow();
    }

    /** Whether S3 would notify this event of the object (S3 matches prefix and suffix case-sensitively). */
    boolean matches(ObjectCreated created) {
        return created.bucket().equals(bucket) && created.key().startsWith(prefix) && created.key().endsWith(suffix)
                && events.stream().anyMatch(pattern -> matchesEventName(pattern, created.eventName()));
    }

    private static boolean matchesEventName(String pattern, String eventName) {
        String name = pattern.startsWith("s3:") ? pattern.substring(3) : pattern;
        return name.endsWith(":*") ? eventName.startsWith(name.substring(0, name.length() - 1)) : name.equals(eventName);
    }

    private void onCreated(ObjectCreated created) {
        if (!matches(created)) {
            return;
        }
        S3Event event = event(created);
        pending.incrementAndGet();
        try {
            invoker.execute(() -> {
                try {
                    deliver(event, created.key());
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException stopped) {
            pending.decrementAndGet();
            LOG.warn("{}.{}: stopped; {} is not delivered", function.definition().logicalId(), eventName,
                    created.key());
        }
    }

    private void deliver(S3Event event, String key) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                function.invoke(event);
                return;
            } catch (RuntimeException e) {
                LOG.warn("{}.{}: invocation for {} failed (attempt {} of {}): {}", function.definition().logicalId(),
                        eventName, key, attempt, ATTEMPTS, e.toString());
            }
            if (attempt < ATTEMPTS && !pause(RETRY_DELAY.multipliedBy(attempt))) {
                return;
            }
        }
        LOG.error("{}.{}: event for {} dropped after {} attempts", function.definition().logicalId(), eventName, key,
                ATTEMPTS);
    }

    private S3Event event(ObjectCreated created) {
        var owner = new S3EventNotification.UserIdentityEntity("LOCAL");
        var bucketEntity = new S3EventNotification.S3BucketEntity(created.bucket(), owner,
                "arn:aws:s3:::" + created.bucket());
        var object = new S3EventNotification.S3ObjectEntity(urlEncoded(created.key()), created.size(), created.eTag(),
                null, HexFormat.of().withUpperCase().toHexDigits(SEQUENCER.incrementAndGet()));
        var s3 = new S3EventNotification.S3Entity(eventName, bucketEntity, object, "1.0");
        var record = new S3EventNotification.S3EventNotificationRecord(Intrinsics.REGION, created.eventName(),
                "aws:s3", Instant.now().toString(), "2.1",
                new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity(UUID.randomUUID().toString(),
                        UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT)),
                s3, owner);
        return new S3Event(new ArrayList<>(List.of(record)));
    }

    /** As S3 writes keys into events: each path segment form-encoded (a space is {@code +}), slashes kept. */
    static String urlEncoded(String key) {
        return Arrays.stream(key.split("/", -1)).map(segment -> URLEncoder.encode(segment, StandardCharsets.UTF_8))
                .collect(Collectors.joining("/"));
    }

    private static Map<String, String> filterRules(Object filter) {
        if (filter == null) {
            return Map.of();
        }
        if (!(filter instanceof Map<?, ?> map) || !(map.get("S3Key") instanceof Map<?, ?> s3Key)
                || !(s3Key.get("Rules") instanceof List<?> rules)) {
            throw new TemplateException("an S3 event's Filter must be {S3Key: {Rules: [{Name, Value}]}}, got " + filter);
        }
        return rules.stream().map(rule -> (Map<?, ?>) rule).collect(Collectors.toMap(
                rule -> String.valueOf(rule.get("Name")).toLowerCase(Locale.ROOT),
                rule -> String.valueOf(rule.get("Value"))));
    }

    private boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
