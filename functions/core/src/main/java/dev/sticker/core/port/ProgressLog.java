package dev.sticker.core.port;

import dev.sticker.core.request.LogLine;

/** Appends progress lines to a request's logs (fal's status call shows them with logs=1). */
@FunctionalInterface
public interface ProgressLog {

    void log(LogLine.Level level, String message);

    default void info(String message) {
        log(LogLine.Level.INFO, message);
    }
}
