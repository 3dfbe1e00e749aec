package dev.sticker.core.webhook;

import java.util.List;

/** A request's webhook delivery as recorded: its state and every attempt so far, oldest first. */
public record WebhookLog(WebhookState state, List<WebhookAttempt> attempts) {

    public WebhookLog {
        attempts = List.copyOf(attempts);
    }
}
