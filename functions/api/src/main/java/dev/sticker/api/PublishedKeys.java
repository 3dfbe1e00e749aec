package dev.sticker.api;

import dev.sticker.core.webhook.SigningKey;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.FalWire;

import java.util.List;

/** The webhook signing keys whose public halves {@code GET /.well-known/jwks.json} publishes. */
public record PublishedKeys(List<SigningKey> keys) {

    public PublishedKeys {
        keys = List.copyOf(keys);
    }

    public ApiReply jwks() {
        return FalWire.jwks(keys);
    }
}
