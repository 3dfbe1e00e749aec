package dev.sticker.core.webhook;

/** Where the caller's webhook stands; absent on the request until a delivery was queued. */
public enum WebhookState {
    /** A delivery (first attempt or a retry) is on the delivery queue. */
    QUEUED,
    /** The receiver answered 2xx. */
    DELIVERED,
    /** Every attempt failed, or the URL is refused by the request-forgery guard. */
    GAVE_UP
}
