package dev.sticker.engine;

/** Receives human-readable progress lines (one per stage, plus the prompt keywords applied). */
@FunctionalInterface
public interface Progress {
    Progress NONE = message -> { };

    void log(String message);
}
