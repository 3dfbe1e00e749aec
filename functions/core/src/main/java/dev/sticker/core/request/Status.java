package dev.sticker.core.request;

/** fal's queue states. A failed or cancelled request still ends COMPLETED: clients poll until they see that word. */
public enum Status {
    IN_QUEUE,
    IN_PROGRESS,
    COMPLETED
}
