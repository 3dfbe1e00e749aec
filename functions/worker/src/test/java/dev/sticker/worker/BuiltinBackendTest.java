package dev.sticker.worker;

import dev.sticker.core.input.ImageSize;
import dev.sticker.core.input.StickerInput;
import dev.sticker.core.photo.FetchResult;
import dev.sticker.core.port.BackendOutcome;
import dev.sticker.core.port.GenerationJob;
import dev.sticker.core.port.ProgressLog;
import dev.sticker.engine.StickerEngine;
import dev.sticker.engine.StickerParams;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class BuiltinBackendTest {

    private static final StickerInput INPUT = new StickerInput("https://example.com/face.jpg", "a person",
            "blurry", 25, 5.5, 0.6, 0.3, 0.4, ImageSize.custom(640, 384), true, 12, 42L, false);

    @Test
    void everyInputFieldReachesTheEngineAndTheSeedIsTheJobs() {
        StickerParams params = BuiltinBackend.params(INPUT, 3625437076L);

        assertEquals(new StickerParams("a person", "blurry", 25, 5.5, 0.6, 0.3, 0.4, 640, 384, true, 12,
                3625437076L, false), params);
    }

    @Test
    void aRefusedPhotoFailsWithItsFailureWithoutRendering() {
        FetchResult.Refused refused = FetchResult.refused("image_url must use http or https");
        List<String> lines = new ArrayList<>();
        ProgressLog progress = (level, message) -> lines.add(message);

        BackendOutcome outcome = new BuiltinBackend(StickerEngine.load())
                .generate(new GenerationJob("req-1", INPUT, 42, () -> refused, INPUT.imageUrl(), progress));

        BackendOutcome.Failed failed = assertInstanceOf(BackendOutcome.Failed.class, outcome);
        assertEquals(refused.failure(), failed.failure());
        assertEquals(422, failed.failure().httpStatus());
        assertEquals("image_url", failed.failure().field());
    }
}
