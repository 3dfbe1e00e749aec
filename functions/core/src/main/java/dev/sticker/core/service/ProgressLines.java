package dev.sticker.core.service;

import dev.sticker.core.port.ProgressLog;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.request.LogLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's progress lines on their way to its request: at most one write per {@link #WRITE_INTERVAL}, since fal's
 * clients poll twice a second and would see no more. Lines in between wait for the next write, and {@link #flush}
 * writes what is left before the request's outcome is recorded. Lines are told, not owed: a write the store cannot
 * take now (throttled, unreachable) is dropped, never turned into a failure of the generation it describes.
 */
final class ProgressLines implements ProgressLog {

    static final Duration WRITE_INTERVAL = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(ProgressLines.class);

    private final RequestStore store;
    private final String requestId;
    private final Clock clock;
    private final List<LogLine> waiting = new ArrayList<>();
    private Instant lastWrite;

    ProgressLines(RequestStore store, String requestId, Clock clock) {
        this.store = store;
        this.requestId = requestId;
        this.clock = clock;
    }

    @Override
    public synchronized void log(LogLine.Level level, String message) {
        Instant now = clock.instant();
        waiting.add(new LogLine(message, level, now));
        if (lastWrite == null || !now.isBefore(lastWrite.plus(WRITE_INTERVAL))) {
            flush();
        }
    }

    /** Writes the lines still waiting. */
    synchronized void flush() {
        if (waiting.isEmpty()) {
            return;
        }
        List<LogLine> lines = List.copyOf(waiting);
        waiting.clear();
        lastWrite = clock.instant();
        try {
            store.appendLogs(requestId, lines);
        } catch (RuntimeException e) {
            LOG.warn("progress lines dropped requestId={} lines={} error={}", requestId, lines.size(), e.toString());
        }
    }
}
