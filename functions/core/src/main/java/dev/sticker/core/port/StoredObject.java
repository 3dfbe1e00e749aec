package dev.sticker.core.port;

import java.util.Map;

/**
 * An object as read back from the object store, with what was stored alongside its bytes.
 *
 * @param eTag     the store's entity tag, without the quotes HTTP puts around it
 * @param metadata the user metadata, names in lower case without the {@code x-amz-meta-} prefix
 */
public record StoredObject(byte[] bytes, String contentType, String eTag, Map<String, String> metadata) {

    public StoredObject {
        metadata = Map.copyOf(metadata);
    }
}
