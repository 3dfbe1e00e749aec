package dev.sticker.core.ingest;

import dev.sticker.core.account.Caller;
import dev.sticker.core.account.Scope;
import dev.sticker.core.input.FieldError;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.input.ParsedInput;
import dev.sticker.core.photo.ImageFetcher;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.port.StoredObject;
import dev.sticker.core.request.ObjectKeys;
import dev.sticker.core.service.Submission;
import dev.sticker.core.service.SubmitOutcome;
import dev.sticker.core.service.SubmitService;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.FalWire;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Turns a photo dropped under {@code incoming/} into a request through the same submit as the API: its inputs come
 * from a sidecar or its metadata, its bytes are kept as the request's input (so the worker reads them straight from
 * the object store), and the request id is derived from the event, so an event delivered twice creates one request.
 * Invalid inputs create nothing and leave fal's 422 body in {@code stickers/<name>/error.json}.
 */
public final class IngestService {

    /** The key id and alias every request made from a dropped photo is billed under (its account's usage says "s3"). */
    public static final String KEY_ID = "s3";

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private static final String JSON = "application/json";

    private final ObjectStore objects;
    private final RequestStore store;
    private final SubmitService submissions;
    private final ApiUrls urls;
    private final Caller payer;

    /**
     * @param urls      the base the request's input is named on (the worker reads its own input by key, on any base)
     * @param accountId the account dropped photos are billed to
     */
    public IngestService(ObjectStore objects, RequestStore store, SubmitService submissions, ApiUrls urls,
                         String accountId) {
        this.objects = objects;
        this.store = store;
        this.submissions = submissions;
        this.urls = urls;
        this.payer = new Caller(accountId, KEY_ID, KEY_ID, Scope.API);
    }

    public IngestOutcome ingest(DroppedPhoto photo) {
        Optional<String> name = photo.name();
        if (name.isEmpty()) {
            return skipped(photo, "not a photo under " + DropKeys.INCOMING + " (suffixes " + DropKeys.PHOTO_SUFFIXES
                    + ")");
        }
        String id = photo.requestId();
        if (store.find(id).isPresent()) {
            LOG.info("dropped photo already submitted requestId={} key={}", id, photo.key());
            return new IngestOutcome.Duplicate(photo.key(), id);
        }
        if (photo.size() > ImageFetcher.DEFAULT_MAX_BYTES) {
            return rejected(photo, name.get(), List.of(FieldError.at("image_url",
                    "image_url is larger than " + ImageFetcher.DEFAULT_MAX_BYTES + " bytes", "value_error.image_url")));
        }
        Optional<StoredObject> object = objects.read(photo.key());
        if (object.isEmpty()) {
            return skipped(photo, "the object no longer exists");
        }
        if (!photo.eTag().isEmpty() && !photo.eTag().equals(object.get().eTag())) {
            return skipped(photo, "the object was replaced since the event; the new version has an event of its own");
        }
        String imageUrl = urls.fileUrl(ObjectKeys.input(id));
        ParsedInput parsed = objects.get(DropKeys.sidecar(name.get()))
                .map(sidecar -> DroppedPhotoInput.fromSidecar(new String(sidecar, StandardCharsets.UTF_8), imageUrl))
                .orElseGet(() -> DroppedPhotoInput.fromMetadata(object.get().metadata(), imageUrl));
        if (parsed instanceof ParsedInput.Invalid invalid) {
            return rejected(photo, name.get(), invalid.errors());
        }
        // The drop record and the input exist before the request does, so whoever completes it finds both.
        objects.put(DropKeys.source(id), photo.toJson(), JSON);
        objects.put(ObjectKeys.input(id), object.get().bytes(), contentType(object.get()));
        String body = InputSchema.toJson(((ParsedInput.Valid) parsed).input());
        SubmitOutcome outcome = submissions.accept(id, new Submission(body, null, payer), urls);
        if (outcome instanceof SubmitOutcome.Accepted) {
            LOG.info("dropped photo submitted requestId={} key={}", id, photo.key());
            return new IngestOutcome.Submitted(photo.key(), id);
        }
        if (outcome instanceof SubmitOutcome.Duplicate) {
            LOG.info("dropped photo submitted concurrently requestId={} key={}", id, photo.key());
            return new IngestOutcome.Duplicate(photo.key(), id);
        }
        if (outcome instanceof SubmitOutcome.Rejected rejected) {
            return rejected(photo, name.get(), rejected.errors());
        }
        if (outcome instanceof SubmitOutcome.Refused refused) {
            // The photo cannot be paid for: say so where its stickers would have been.
            objects.put(DropKeys.error(name.get()), refused.reply().body().getBytes(StandardCharsets.UTF_8), JSON);
            LOG.info("dropped photo refused key={} accountId={} reason={}", photo.key(), payer.accountId(),
                    refused.detail());
            return new IngestOutcome.Refused(photo.key(), refused.detail());
        }
        throw new IllegalStateException("unexpected submit outcome for a dropped photo: " + outcome);
    }

    private IngestOutcome rejected(DroppedPhoto photo, String name, List<FieldError> errors) {
        objects.put(DropKeys.error(name), FalWire.validationBody(errors).getBytes(StandardCharsets.UTF_8), JSON);
        LOG.info("dropped photo rejected key={} errors={}", photo.key(), errors);
        return new IngestOutcome.Rejected(photo.key(), errors);
    }

    private static IngestOutcome skipped(DroppedPhoto photo, String reason) {
        LOG.info("dropped object skipped key={} reason={}", photo.key(), reason);
        return new IngestOutcome.Skipped(photo.key(), reason);
    }

    private static String contentType(StoredObject object) {
        return object.contentType() == null || object.contentType().isBlank()
                ? "application/octet-stream" : object.contentType();
    }
}
