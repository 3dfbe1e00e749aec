package dev.sticker.api;

import dev.sticker.core.service.CallbackService;

import java.util.Map;

/** The backends that may call back, by the name in the route; a backend without a signing secret has none. */
public record CallbackRoutes(Map<String, CallbackService> byBackend) {

    public CallbackRoutes {
        byBackend = Map.copyOf(byBackend);
    }

    public CallbackService forBackend(String name) {
        return name == null ? null : byBackend.get(name);
    }
}
