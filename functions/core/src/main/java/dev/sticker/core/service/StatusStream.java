package dev.sticker.core.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.account.Caller;
import dev.sticker.core.request.LogLine;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.FalWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * fal's status stream ({@code .../requests/{id}/status/stream}): one {@code data:} event per change of the status
 * (state, queue position, or new log lines, which each event carries only once), a comment line every
 * {@link #KEEP_ALIVE} while nothing changes, and the end right after the COMPLETED event. Changes are found by
 * polling the store. API Gateway buffers Lambda answers, so there the events are gathered until completion or the
 * deadline and returned together.
 */
public final class StatusStream {

    private static final Logger LOG = LoggerFactory.getLogger(StatusStream.class);
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);

    private final OwnRequests own;
    private final Duration pollInterval;

    public StatusStream(OwnRequests own, Duration pollInterval) {
        this.own = own;
        this.pollInterval = pollInterval;
    }

    /** The whole stream until COMPLETED or the deadline, as one answer; 404 when the caller has no such request. */
    public ApiReply gather(Caller caller, String requestId, boolean withLogs, ApiUrls urls, Duration deadline) {
        if (own.find(caller, requestId).isEmpty()) {
            return FalWire.notFound();
        }
        StringBuilder events = new StringBuilder();
        boolean completed = stream(caller, requestId, withLogs, urls, deadline, events::append);
        LOG.info("status stream answered requestId={} completed={}", requestId, completed);
        return FalWire.eventStream(events.toString(), requestId);
    }

    /**
     * Writes the stream's chunks to {@code sink} as they happen until COMPLETED (true) or the deadline (false).
     * Returns false at once, writing nothing, when the caller has no such request (or it stops existing).
     */
    public boolean stream(Caller caller, String requestId, boolean withLogs, ApiUrls urls, Duration deadline,
                          Consumer<String> sink) {
        long end = System.nanoTime() + deadline.toNanos();
        long lastWrite = System.nanoTime();
        String lastState = null;
        LogLine lastLine = null;
        while (true) {
            Optional<StickerRequest> found = own.find(caller, requestId);
            if (found.isEmpty()) {
                return false;
            }
            StickerRequest request = found.get();
            List<LogLine> newLines = withLogs ? after(request.logs(), lastLine) : List.of();
            long position = own.queuePosition(request);
            String state = FalWire.statusBody(request, position, List.of(), urls).toString();
            if (!state.equals(lastState) || !newLines.isEmpty()) {
                ObjectNode event = FalWire.statusBody(request, position, newLines, urls);
                sink.accept(FalWire.event(event));
                lastWrite = System.nanoTime();
                lastState = state;
                lastLine = newLines.isEmpty() ? lastLine : newLines.get(newLines.size() - 1);
            }
            if (request.status() == Status.COMPLETED) {
                return true;
            }
            long now = System.nanoTime();
            if (now - lastWrite >= KEEP_ALIVE.toNanos()) {
                sink.accept(FalWire.keepAlive());
                lastWrite = now;
            }
            if (now + pollInterval.toNanos() > end) {
                return false;
            }
            if (!pause()) {
                return false;
            }
        }
    }

    /** The lines after the last one already sent (the store keeps only recent lines, so it is found by value). */
    private static List<LogLine> after(List<LogLine> lines, LogLine lastSent) {
        if (lines == null || lines.isEmpty()) {
            return List.of();
        }
        if (lastSent == null) {
            return List.copyOf(lines);
        }
        int at = lines.lastIndexOf(lastSent);
        return at < 0 ? List.copyOf(lines) : List.copyOf(lines.subList(at + 1, lines.size()));
    }

    private boolean pause() {
        try {
            Thread.sleep(pollInterval.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
