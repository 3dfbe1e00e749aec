package dev.sticker.core.port;

import dev.sticker.core.photo.FetchResult;

/** The job's input photo, loaded on demand through the request-forgery guard or from the object store. */
@FunctionalInterface
public interface Photo {

    FetchResult load();
}
