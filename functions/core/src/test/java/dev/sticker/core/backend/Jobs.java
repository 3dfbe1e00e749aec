package dev.sticker.core.backend;

import dev.sticker.core.guard.GuardedHttp;
import dev.sticker.core.guard.RequestForgeryGuard;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.input.ParsedInput;
import dev.sticker.core.input.StickerInput;
import dev.sticker.core.photo.FetchResult;
import dev.sticker.core.photo.ImageFetcher;
import dev.sticker.core.photo.ResultImages;
import dev.sticker.core.port.BackendOutcome;
import dev.sticker.core.port.GeneratedSticker;
import dev.sticker.core.port.GenerationJob;
import dev.sticker.formats.ImageType;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What the backend tests share: jobs, the guarded client a local deployment uses, and loading delivered images. */
final class Jobs {

    /** A local deployment lets the guard through to its own servers on loopback. */
    static final RequestForgeryGuard GUARD = new RequestForgeryGuard(List.of("127.0.0.1"));
    static final GuardedHttp HTTP = new GuardedHttp(GUARD, Duration.ofSeconds(2), Duration.ofSeconds(10),
            64L * 1024 * 1024);
    static final String PHOTO_URL = "https://photos.example.com/face.jpg";

    private Jobs() {
    }

    static StickerInput input(String json) {
        return assertInstanceOf(ParsedInput.Valid.class, InputSchema.parse(json)).input();
    }

    /** A job whose photo is at {@link #PHOTO_URL}; a dispatching backend must not load it. */
    static GenerationJob job(String requestId, String inputJson, long seed) {
        return new GenerationJob(requestId, input(inputJson).withSeed(seed), seed,
                () -> {
                    throw new AssertionError("this backend must pass the photo by URL, not load it");
                }, PHOTO_URL, (level, message) -> { });
    }

    /** A job whose photo is these bytes (a backend that uploads the photo loads it). */
    static GenerationJob jobWithPhoto(String requestId, String inputJson, long seed, byte[] photo) {
        return new GenerationJob(requestId, input(inputJson).withSeed(seed), seed,
                () -> new FetchResult.Fetched(photo, ImageType.sniff(photo).orElseThrow()), PHOTO_URL,
                (level, message) -> { });
    }

    /** The delivered images, brought in the way the job runner does. */
    static GeneratedSticker load(BackendOutcome outcome) {
        BackendOutcome.Delivered delivered = assertInstanceOf(BackendOutcome.Delivered.class, outcome);
        ResultImages.Loaded loaded = new ResultImages(new ImageFetcher(GUARD)).load(delivered.sticker(),
                delivered.backgroundRemoved(), delivered.seed(), delivered.stickerNsfw(),
                delivered.backgroundRemovedNsfw());
        assertNull(loaded.problem());
        return loaded.sticker();
    }
}
