package dev.sticker.core.account;

/** What the authorizer made of a call's {@code Authorization} header. */
public sealed interface Authentication {

    /** A valid key: who is calling, and how many calls a minute its account allows per key. */
    record Authenticated(Caller caller, int rateLimitPerMinute) implements Authentication {
    }

    /** No valid key; answered with 401 and this detail. */
    record Denied(String detail) implements Authentication {
    }
}
