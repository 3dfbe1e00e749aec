package dev.sticker.core.service;

import dev.sticker.core.account.Caller;

/**
 * A submit as received.
 *
 * @param body       the raw JSON body (fal's Input)
 * @param webhookUrl the caller's fal_webhook query parameter, or null
 * @param caller     who submitted it, and so who pays
 * @param hints      fal's request headers (priority, runner hint, timeout, result lifetime)
 */
public record Submission(String body, String webhookUrl, Caller caller, QueueHints hints) {

    public Submission {
        hints = hints == null ? QueueHints.NONE : hints;
    }

    /** A submit without fal's request headers. */
    public Submission(String body, String webhookUrl, Caller caller) {
        this(body, webhookUrl, caller, QueueHints.NONE);
    }
}
