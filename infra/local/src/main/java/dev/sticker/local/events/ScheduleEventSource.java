package dev.sticker.local.events;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.local.function.EventDefinition;
import dev.sticker.local.function.LocalFunction;
import dev.sticker.local.template.Intrinsics;
import dev.sticker.local.template.TemplateException;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code Type: Schedule} event (an EventBridge rule): invokes the function on its {@code Schedule}, a rate or cron
 * expression, or at the period given for every schedule (tests). The function gets what EventBridge sends, a
 * {@link ScheduledEvent} (source {@code aws.events}, detail-type {@code Scheduled Event}, the rule's ARN in its
 * resources, the scheduled time), or the event's {@code Input} JSON instead when it declares one; either is converted
 * to the handler's event type when the handler takes another. {@code Enabled: false} or {@code State: DISABLED} turns
 * the rule off. An invocation that throws is logged and the schedule goes on: the next tick runs it again. One
 * invocation runs at a time; a tick that comes while the previous one still runs is skipped.
 */
public final class ScheduleEventSource implements EventSource {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleEventSource.class);
    private static final String RULE_ARN_PREFIX = "arn:aws:events:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT_ID
            + ":rule/";

    private final LocalFunction function;
    private final String eventName;
    private final ScheduleExpression schedule;
    private final String ruleArn;
    private final JsonNode input;
    private final boolean enabled;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final ScheduledExecutorService timer;
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean ticking;

    /** @param period every tick this far apart instead of the template's schedule; null keeps the schedule */
    public ScheduleEventSource(LocalFunction function, EventDefinition event, Duration period) {
        this.function = function;
        this.eventName = event.name();
        Map<String, Object> properties = event.properties();
        ScheduleExpression declared = ScheduleExpression.parse(String.valueOf(properties.get("Schedule")));
        this.schedule = period == null ? declared : new ScheduleExpression.Rate(period);
        Object name = properties.get("Name");
        this.ruleArn = RULE_ARN_PREFIX + (name != null ? name
                : Intrinsics.STACK_NAME + "-" + function.definition().logicalId() + eventName);
        this.input = properties.containsKey("Input") ? parseInput(properties.get("Input")) : null;
        this.enabled = !"false".equalsIgnoreCase(String.valueOf(properties.getOrDefault("Enabled", "true")))
                && !"DISABLED".equalsIgnoreCase(String.valueOf(properties.getOrDefault("State", "ENABLED")));
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "schedule-" + function.definition().logicalId() + "-" + eventName);
            thread.setDaemon(true);
            return thread;
        });
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.timer = timer;
    }

    @Override
    public void start() {
        if (!enabled) {
            LOG.debug("{}.{} is disabled in the template", function.definition().logicalId(), eventName);
            return;
        }
        ticking = true;
        scheduleAfter(Instant.now());
    }

    @Override
    public void stop() {
        ticking = false;
        timer.shutdown();
    }

    @Override
    public int runningInvocations() {
        return running.get();
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        return timer.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        stop();
        timer.shutdownNow();
    }

    private void scheduleAfter(Instant previous) {
        Instant now = Instant.now();
        Optional<Instant> next = schedule.nextAfter(previous);
        while (next.isPresent() && next.get().isBefore(now)) {
            next = schedule.nextAfter(next.get());
        }
        if (next.isEmpty()) {
            LOG.info("{}.{}: the schedule fires no more", function.definition().logicalId(), eventName);
            return;
        }
        Instant at = next.get();
        try {
            timer.schedule(() -> tick(at), Duration.between(now, at).toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("{}.{} stopped", function.definition().logicalId(), eventName);
        }
    }

    private void tick(Instant scheduledTime) {
        if (!ticking) {
            return;
        }
        running.incrementAndGet();
        try {
            function.invoke(payload(scheduledTime));
        } catch (RuntimeException | Error e) {
            LOG.error("{}.{}: the scheduled invocation failed; the next tick runs it again",
                    function.definition().logicalId(), eventName, e);
        } finally {
            running.decrementAndGet();
        }
        scheduleAfter(scheduledTime);
    }

    private Object payload(Instant scheduledTime) {
        Class<?> type = function.eventType();
        if (input != null) {
            return json.convertValue(input, type);
        }
        ScheduledEvent event = new ScheduledEvent()
                .withVersion("0")
                .withId(UUID.randomUUID().toString())
                .withDetailType("Scheduled Event")
                .withSource("aws.events")
                .withAccount(Intrinsics.ACCOUNT_ID)
                .withTime(new DateTime(scheduledTime.truncatedTo(ChronoUnit.SECONDS).toEpochMilli(), DateTimeZone.UTC))
                .withRegion(Intrinsics.REGION)
                .withResources(new ArrayList<>(List.of(ruleArn)))
                .withDetail(new LinkedHashMap<>());
        return type.isInstance(event) ? event : json.convertValue(eventBridgeJson(event), type);
    }

    /** The event as EventBridge writes it, for handlers that take it as a map or their own type. */
    private static Map<String, Object> eventBridgeJson(ScheduledEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("version", event.getVersion());
        fields.put("id", event.getId());
        fields.put("detail-type", event.getDetailType());
        fields.put("source", event.getSource());
        fields.put("account", event.getAccount());
        fields.put("time", event.getTime().toDateTimeISO().toString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        fields.put("region", event.getRegion());
        fields.put("resources", event.getResources());
        fields.put("detail", event.getDetail());
        return fields;
    }

    private JsonNode parseInput(Object declared) {
        try {
            return json.readTree(String.valueOf(declared));
        } catch (JsonProcessingException e) {
            throw new TemplateException(function.definition().logicalId() + "." + eventName
                    + ": Input must be JSON text, got " + declared);
        }
    }
}
