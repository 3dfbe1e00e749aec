package dev.sticker.core.port;

/** Hands a request to the workers. At-least-once: a job may arrive twice, and the store makes that harmless. */
public interface JobQueue {

    void enqueue(String requestId);
}
