package dev.sticker.core.request;

/**
 * fal's queue states. A failed or cancelled request still ends COMPLETED: clients poll until they see that word.
 * Which write moves a request from one to another is declared in {@link Transition}.
 */
public enum Status {
    IN_QUEUE,
    IN_PROGRESS,
    COMPLETED
}
