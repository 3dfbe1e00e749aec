package dev.sticker.core.request;

import java.time.Instant;

/** One progress line of a request, as fal's status call reports it (source is always USER). */
public record LogLine(String message, Level level, Instant timestamp) {

    public enum Level { INFO, WARN, ERROR, DEBUG, STDOUT, STDERR }

    public static LogLine info(String message, Instant at) {
        return new LogLine(message, Level.INFO, at);
    }
}
