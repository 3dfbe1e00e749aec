package dev.sticker.core.service;

import dev.sticker.core.photo.FetchResult;
import dev.sticker.core.photo.ImageFetcher;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.request.ObjectKeys;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.formats.ImageType;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * Where a job's photo bytes come from: our own object store for the photos we keep for the request's account (a data
 * URI stored at submit, whose record then points at {@code {base}/files/inputs/{id}/input}, and the account's storage
 * uploads on any base), a data URI decoded in place, or any other URL downloaded through the request-forgery guard.
 * Another account's files are never read from the store, so a request cannot borrow them. Our own files are read only
 * up to the upload size limit.
 */
public final class PhotoSource {

    private static final String UPLOADS_PATH = ApiUrls.FILES_PATH + "uploads/";
    /** How long a provider elsewhere may take to fetch a photo we keep. */
    static final Duration PROVIDER_LINK_LIFETIME = Duration.ofHours(1);

    private final ObjectStore objects;
    private final ImageFetcher fetcher;

    public PhotoSource(ObjectStore objects, ImageFetcher fetcher) {
        this.objects = objects;
        this.fetcher = fetcher;
    }

    public FetchResult load(String requestId, String accountId, String imageUrl) {
        Optional<String> ownKey = ownObjectKey(requestId, accountId, imageUrl);
        if (ownKey.isEmpty()) {
            return fetcher.fetch(imageUrl);
        }
        Optional<Long> size = objects.size(ownKey.get());
        if (size.isPresent() && size.get() > UploadService.MAX_UPLOAD_BYTES) {
            return FetchResult.refused("image_url file is larger than " + UploadService.MAX_UPLOAD_BYTES + " bytes");
        }
        Optional<byte[]> stored = size.isEmpty() ? Optional.empty() : objects.get(ownKey.get());
        if (stored.isEmpty()) {
            return FetchResult.refused("image_url refers to a file that no longer exists");
        }
        byte[] bytes = stored.get();
        return ImageType.sniff(bytes)
                .<FetchResult>map(type -> new FetchResult.Fetched(bytes, type))
                .orElseGet(() -> FetchResult.refused("image_url is not an image (got "
                        + ImageType.describeNonImage(bytes) + " bytes)"));
    }

    /** The photo as a URL a provider elsewhere can fetch: a presigned link to our copy, else the caller's URL. */
    public String providerUrl(String requestId, String accountId, String imageUrl) {
        return ownObjectKey(requestId, accountId, imageUrl)
                .map(key -> objects.presignGet(key, PROVIDER_LINK_LIFETIME).toString()).orElse(imageUrl);
    }

    private Optional<String> ownObjectKey(String requestId, String accountId, String imageUrl) {
        String ownInput = ObjectKeys.input(requestId);
        if (imageUrl.endsWith(ApiUrls.FILES_PATH + ownInput)) {
            return Optional.of(ownInput);
        }
        return uploadKey(imageUrl).filter(key -> ObjectKeys.uploadAccount(key).orElseThrow().equals(accountId));
    }

    /** The key of a storage upload named by its file URL on whatever base the caller used. */
    private Optional<String> uploadKey(String imageUrl) {
        String path;
        try {
            URI uri = new URI(imageUrl);
            path = uri.getRawQuery() == null && uri.getRawFragment() == null ? uri.getRawPath() : null;
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        int at = path == null ? -1 : path.indexOf(UPLOADS_PATH);
        return at < 0 ? Optional.empty()
                : Optional.of(path.substring(at + ApiUrls.FILES_PATH.length())).filter(key -> ObjectKeys.uploadAccount(key).isPresent())
                        .filter(key -> objects.size(key).isPresent());
    }
}
