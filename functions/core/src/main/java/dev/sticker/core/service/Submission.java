package dev.sticker.core.service;

/**
 * A submit as received.
 *
 * @param body       the raw JSON body (fal's Input)
 * @param webhookUrl the caller's fal_webhook query parameter, or null
 * @param owner      who submitted it (an API key id, the ingest bucket, ...), or null when anonymous
 * @param hints      fal's request headers (priority, runner hint, timeout, result lifetime)
 */
public record Submission(String body, String webhookUrl, String owner, QueueHints hints) {

    public Submission {
        hints = hints == null ? QueueHints.NONE : hints;
    }

    /** A submit without fal's request headers. */
    public Submission(String body, String webhookUrl, String owner) {
        this(body, webhookUrl, owner, QueueHints.NONE);
    }
}
