package dev.sticker.core.service;

import dev.sticker.core.guard.FetchResult;
import dev.sticker.core.guard.ImageFetcher;
import dev.sticker.core.guard.ImageType;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.Photo;
import dev.sticker.core.request.ObjectKeys;
import dev.sticker.core.wire.ApiUrls;

import java.util.Optional;

/**
 * Where a job's photo bytes come from: our own object store for inputs we keep (a data URI stored at submit, whose
 * record then points at {@code {base}/files/inputs/{id}/input}, and any {@code {base}/files/{key}} URL when the public
 * base is configured), a data URI decoded in place, or any other URL downloaded through the request-forgery guard.
 */
public final class PhotoSource {

    private final ObjectStore objects;
    private final ImageFetcher fetcher;
    private final Optional<ApiUrls> publicUrls;

    public PhotoSource(ObjectStore objects, ImageFetcher fetcher, Optional<ApiUrls> publicUrls) {
        this.objects = objects;
        this.fetcher = fetcher;
        this.publicUrls = publicUrls;
    }

    public Photo forRequest(String requestId, String imageUrl) {
        return () -> load(requestId, imageUrl);
    }

    public FetchResult load(String requestId, String imageUrl) {
        Optional<String> ownKey = ownObjectKey(requestId, imageUrl);
        if (ownKey.isEmpty()) {
            return fetcher.fetch(imageUrl);
        }
        Optional<byte[]> stored = objects.get(ownKey.get());
        if (stored.isEmpty()) {
            return FetchResult.refused("image_url refers to a file that no longer exists");
        }
        byte[] bytes = stored.get();
        return ImageType.sniff(bytes)
                .<FetchResult>map(type -> new FetchResult.Fetched(bytes, type))
                .orElseGet(() -> FetchResult.refused("image_url is not an image (got "
                        + ImageType.describeNonImage(bytes) + " bytes)"));
    }

    private Optional<String> ownObjectKey(String requestId, String imageUrl) {
        String ownInput = ObjectKeys.input(requestId);
        if (imageUrl.endsWith(ApiUrls.FILES_PATH + ownInput)) {
            return Optional.of(ownInput);
        }
        return publicUrls.flatMap(urls -> urls.fileKey(imageUrl)).filter(ObjectKeys::isServable);
    }
}
