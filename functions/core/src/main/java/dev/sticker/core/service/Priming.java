package dev.sticker.core.service;

import dev.sticker.core.input.FieldError;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.input.ParsedInput;
import dev.sticker.core.input.StickerInput;
import dev.sticker.core.photo.DataUri;
import dev.sticker.core.photo.FetchResult;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RequestStore.CancelOutcome;
import dev.sticker.core.request.Billing;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.LogLine;
import dev.sticker.core.request.ObjectKeys;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.StickerResult;
import dev.sticker.core.request.StoredImage;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.FalWire;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Side-effect-free warm-up of the services' hot paths, run before a SnapStart snapshot so that the classes they load
 * and the code the JIT compiles are already in it: validation of a realistic submit (a photo as a data URI), the
 * stored-input round trip, every reply shape of fal's queue API, and presigned URLs (signed locally, nothing is sent).
 * Nothing is stored, queued or drawn at random: the sample request has a fixed id that no submit can produce.
 */
public final class Priming {

    /** The id of the sample request; never stored, and not a version-4 UUID, so it cannot clash with a real one. */
    public static final String SAMPLE_REQUEST_ID = "00000000-0000-0000-0000-000000000000";
    /** The seed the sample is rendered with: fixed, so priming draws nothing from a random generator. */
    public static final long SAMPLE_SEED = 42;
    private static final String SAMPLE_PHOTO = "priming-face.jpg";
    private static final Instant SAMPLE_TIME = Instant.parse("2026-01-01T00:00:00Z");
    /** A 512 x 512 sticker at 0.02 USD per megapixel, on an account nothing else uses. */
    private static final Billing SAMPLE_BILLING = new Billing("priming", "priming", "priming",
            new BigDecimal("0.262144"), 20_000, 5_243);
    private static final ApiUrls SAMPLE_URLS = new ApiUrls("https://abcdef1234.execute-api.us-east-1.amazonaws.com/v1");
    private static final Duration PRESIGN_VALIDITY = Duration.ofMinutes(15);

    private final ObjectStore objects;

    public Priming(ObjectStore objects) {
        this.objects = objects;
    }

    /** A face photo shipped with the code (a 192 px crop of the project's sample portrait, JPEG). */
    public static byte[] samplePhoto() {
        try (InputStream in = Priming.class.getResourceAsStream(SAMPLE_PHOTO)) {
            if (in == null) {
                throw new IllegalStateException("the priming photo " + SAMPLE_PHOTO + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample photo submitted as a caller would: a data URI in the smallest preset size. */
    public static StickerInput sampleInput() {
        String body = "{\"image_url\":\"data:image/jpeg;base64," + Base64.getEncoder().encodeToString(samplePhoto())
                + "\",\"prompt\":\"a person, sticker\",\"image_size\":\"square\"}";
        ParsedInput parsed = InputSchema.parse(body);
        if (parsed instanceof ParsedInput.Invalid invalid) {
            throw new IllegalStateException("the priming input is invalid: " + invalid.errors());
        }
        return ((ParsedInput.Valid) parsed).input().withSeed(SAMPLE_SEED);
    }

    /** Runs every warm-up step once; returns the replies it rendered, in the order rendered. */
    public List<ApiReply> run() {
        StickerInput input = sampleInput();
        FetchResult photo = DataUri.decode(input.imageUrl(), DataUri.MAX_DECODED_BYTES);
        if (!(photo instanceof FetchResult.Fetched)) {
            throw new IllegalStateException("the priming photo does not decode: " + photo);
        }
        String stored = InputSchema.toJson(input.withImageUrl(SAMPLE_URLS.fileUrl(ObjectKeys.input(SAMPLE_REQUEST_ID))));
        StickerInput reread = InputSchema.fromStoredJson(stored);
        objects.presignGet(ObjectKeys.sticker(SAMPLE_REQUEST_ID), PRESIGN_VALIDITY);
        objects.presignPut(ObjectKeys.upload(SAMPLE_BILLING.accountId(), SAMPLE_REQUEST_ID, "photo.jpg"), "image/jpeg",
                PRESIGN_VALIDITY);

        List<ApiReply> replies = new ArrayList<>();
        StickerRequest queued = request(Status.IN_QUEUE, InputSchema.toJson(reread), null, null);
        StickerRequest running = request(Status.IN_PROGRESS, queued.inputJson(), null, null);
        StickerRequest completed = request(Status.COMPLETED, queued.inputJson(), sampleResult(), null);
        StickerRequest failed = request(Status.COMPLETED, queued.inputJson(), null,
                Failure.invalidInput("image_url", "value_error.no_face", "No face found in the image"));
        replies.add(FalWire.submitted(queued, 3, SAMPLE_URLS));
        for (StickerRequest request : List.of(queued, running, completed)) {
            replies.add(FalWire.status(request, 0, true, SAMPLE_URLS));
        }
        replies.add(FalWire.result(completed, SAMPLE_URLS));
        replies.add(FalWire.result(failed, SAMPLE_URLS));
        replies.add(FalWire.failure(Failure.internal("generation failed"), SAMPLE_REQUEST_ID));
        for (CancelOutcome outcome : CancelOutcome.values()) {
            replies.add(FalWire.cancel(outcome, SAMPLE_REQUEST_ID));
        }
        replies.add(FalWire.validationFailed(List.of(FieldError.at("image_url", "Field required", "missing"))));
        replies.add(FalWire.payloadTooLarge(DataUri.MAX_DECODED_BYTES));
        replies.add(FalWire.notFound());
        replies.add(FalWire.locked("Exhausted balance"));
        replies.add(FalWire.error(500, "Internal error"));
        FalWire.webhook(completed, SAMPLE_URLS);
        FalWire.webhook(failed, SAMPLE_URLS);
        return replies;
    }

    /** The sample request, in that status (with neither result nor failure), as the functions' priming maps it. */
    public static StickerRequest sampleRequest(Status status) {
        return request(status, InputSchema.toJson(sampleInput()), null, null);
    }

    private static StickerRequest request(Status status, String inputJson, StickerResult result, Failure failure) {
        boolean started = status != Status.IN_QUEUE;
        boolean ended = status == Status.COMPLETED;
        return new StickerRequest(SAMPLE_REQUEST_ID, ApiUrls.MODEL_ID, status, SAMPLE_BILLING, inputJson, 1, result,
                failure, List.of(LogLine.info("claimed by a worker (attempt 1)", SAMPLE_TIME)), null,
                started ? 1 : 0, 0, false, null, List.of(), SAMPLE_TIME, null, started ? SAMPLE_TIME.plusSeconds(1) : null,
                ended ? SAMPLE_TIME.plusSeconds(3) : null, null, SAMPLE_TIME.plus(Duration.ofDays(7)).getEpochSecond());
    }

    private static StickerResult sampleResult() {
        return new StickerResult(
                new StoredImage(ObjectKeys.sticker(SAMPLE_REQUEST_ID), "image/png", "sticker.png", 1, 512, 512),
                new StoredImage(ObjectKeys.stickerBackgroundRemoved(SAMPLE_REQUEST_ID), "image/png",
                        "sticker_background_removed.png", 1, 512, 512),
                SAMPLE_SEED, false, false, "builtin");
    }
}
