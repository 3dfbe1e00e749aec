package dev.sticker.local;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

/**
 * Test SQS handler: a body "NAME MILLIS" takes that long. Remembers which bodies started and finished, and the most
 * invocations that ran at once for each queue.
 */
public final class SlowHandler implements RequestHandler<SQSEvent, Void> {

    static final List<String> STARTED = new CopyOnWriteArrayList<>();
    static final List<String> FINISHED = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> RUNNING = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> PEAK = new ConcurrentHashMap<>();

    static int peakConcurrency(String queueArn) {
        return PEAK.getOrDefault(queueArn, new AtomicInteger()).get();
    }

    @Override
    public Void handleRequest(SQSEvent event, Context context) {
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            String queue = message.getEventSourceArn();
            int running = RUNNING.computeIfAbsent(queue, q -> new AtomicInteger()).incrementAndGet();
            PEAK.computeIfAbsent(queue, q -> new AtomicInteger()).accumulateAndGet(running, Math::max);
            STARTED.add(message.getBody());
            try {
                Thread.sleep(Long.parseLong(message.getBody().split(" ")[1]));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while handling " + message.getBody(), e);
            } finally {
                RUNNING.get(queue).decrementAndGet();
            }
            FINISHED.add(message.getBody());
        }
        return null;
    }
}
