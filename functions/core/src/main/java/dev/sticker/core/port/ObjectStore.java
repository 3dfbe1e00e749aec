package dev.sticker.core.port;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Inputs and results, by key (inputs/{id}/..., results/{id}/...). */
public interface ObjectStore {

    void put(String key, byte[] bytes, String contentType);

    Optional<byte[]> get(String key);

    /** A URL a browser can GET for a limited time. */
    URI presignGet(String key, Duration validFor);
}
