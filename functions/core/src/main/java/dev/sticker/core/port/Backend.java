package dev.sticker.core.port;

/**
 * How stickers get generated: in the worker (the builtin CPU engine) or dispatched to a GPU elsewhere that calls back
 * later. Implementations report problems as {@link BackendOutcome.Failed}, not exceptions.
 */
public interface Backend {

    /** The name used in the callback route {@code /webhooks/{name}/{id}}. */
    String name();

    BackendOutcome generate(GenerationJob job);
}
