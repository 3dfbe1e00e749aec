package dev.sticker.core.port;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Inputs and results, by key (inputs/{id}/..., results/{id}/..., and the photos dropped under incoming/). */
public interface ObjectStore {

    void put(String key, byte[] bytes, String contentType);

    Optional<byte[]> get(String key);

    /** The object with its metadata and ETag, or empty if there is none. */
    Optional<StoredObject> read(String key);

    /** A URL a browser can GET for a limited time. */
    URI presignGet(String key, Duration validFor);

    /** A URL a caller can PUT one object of that Content-Type to (no other credentials) for a limited time. */
    URI presignPut(String key, String contentType, Duration validFor);

    /** The stored object's size in bytes, without reading it; empty when there is no such object. */
    Optional<Long> size(String key);
}
