package dev.sticker.core.ingest;

import dev.sticker.core.port.CompletionListener;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.StickerResult;
import dev.sticker.core.request.StoredImage;
import dev.sticker.core.wire.FalWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Puts what became of a dropped photo next to where it was dropped: {@code stickers/<name>/sticker.png},
 * {@code sticker_background_removed.png} and {@code result.json} (fal's result JSON, its image URLs the {@code s3://}
 * URIs of these copies, which outlive the request's own results), or {@code error.json} (fal's error body).
 * Every write is a whole-object put, so exporting again (on a replay) gives the same objects.
 */
public final class StickerExport implements CompletionListener {

    private static final Logger LOG = LoggerFactory.getLogger(StickerExport.class);
    private static final String JSON = "application/json";
    private static final String PNG = "image/png";

    private final ObjectStore objects;

    public StickerExport(ObjectStore objects) {
        this.objects = objects;
    }

    @Override
    public void completed(StickerRequest request) {
        export(request);
    }

    /** An export that failed left its trigger to be retried; the replay exports again. */
    @Override
    public void replayed(StickerRequest request) {
        export(request);
    }

    private void export(StickerRequest request) {
        if (request.billing() == null || !IngestService.KEY_ID.equals(request.billing().keyId())) {
            return;
        }
        Optional<DroppedPhoto> photo = objects.get(DropKeys.source(request.id())).map(DroppedPhoto::fromJson);
        Optional<String> name = photo.flatMap(DroppedPhoto::name);
        if (name.isEmpty()) {
            LOG.warn("dropped photo's record is missing, nothing exported requestId={}", request.id());
            return;
        }
        if (request.result() != null) {
            exportResult(request, photo.get().bucket(), name.get());
        } else {
            Failure failure = request.failure() != null ? request.failure() : Failure.internal("Request failed");
            put(DropKeys.error(name.get()), FalWire.failure(failure, request.id()).body());
        }
        LOG.info("sticker exported requestId={} name={} succeeded={}", request.id(), name.get(),
                request.result() != null);
    }

    private void exportResult(StickerRequest request, String bucket, String name) {
        StickerResult result = request.result();
        copy(result.sticker(), DropKeys.sticker(name));
        copy(result.backgroundRemoved(), DropKeys.stickerBackgroundRemoved(name));
        String output = FalWire.output(result, image -> "s3://" + bucket + "/"
                + (image.key().equals(result.sticker().key())
                ? DropKeys.sticker(name) : DropKeys.stickerBackgroundRemoved(name))).toString();
        put(DropKeys.result(name), output);
    }

    private void copy(StoredImage image, String target) {
        byte[] png = objects.get(image.key()).orElseThrow(() -> new IllegalStateException(
                "result image " + image.key() + " is missing"));
        objects.put(target, png, PNG);
    }

    private void put(String key, String json) {
        objects.put(key, json.getBytes(StandardCharsets.UTF_8), JSON);
    }
}
