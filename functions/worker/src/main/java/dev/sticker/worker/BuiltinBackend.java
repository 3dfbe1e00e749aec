package dev.sticker.worker;

import dev.sticker.core.backend.Backends;
import dev.sticker.core.input.StickerInput;
import dev.sticker.core.photo.FetchResult;
import dev.sticker.core.port.Backend;
import dev.sticker.core.port.BackendOutcome;
import dev.sticker.core.port.GeneratedSticker;
import dev.sticker.core.port.GenerationJob;
import dev.sticker.core.request.Failure;
import dev.sticker.engine.RenderOutcome;
import dev.sticker.engine.Sticker;
import dev.sticker.engine.StickerEngine;
import dev.sticker.engine.StickerParams;

/** Renders in the worker with the CPU engine, which is loaded once and shared by every job. */
public final class BuiltinBackend implements Backend {

    public static final String NAME = Backends.BUILTIN;

    private final StickerEngine engine;

    public BuiltinBackend(StickerEngine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BackendOutcome generate(GenerationJob job) {
        FetchResult photo = job.photo().load();
        if (photo instanceof FetchResult.Refused refused) {
            return BackendOutcome.Failed.callers(refused.failure());
        }
        byte[] bytes = ((FetchResult.Fetched) photo).bytes();
        RenderOutcome outcome = engine.render(bytes, params(job.input(), job.seed()), job.progress()::info);
        if (outcome instanceof RenderOutcome.Rejected rejected) {
            return BackendOutcome.Failed.callers(
                    Failure.invalidInput("image_url", rejected.type(), rejected.message()));
        }
        return new BackendOutcome.Done(generated(((RenderOutcome.Rendered) outcome).sticker()));
    }

    /** The engine parameters for an input; remote workers built on this engine map it the same way. */
    public static StickerParams params(StickerInput input, long seed) {
        return new StickerParams(input.prompt(), input.negativePrompt(), input.numInferenceSteps(),
                input.guidanceScale(), input.instantIdStrength(), input.ipAdapterWeight(), input.ipAdapterNoise(),
                input.imageSize().width(), input.imageSize().height(), input.upscale(), input.upscaleSteps(), seed,
                input.enableSafetyChecker());
    }

    private static GeneratedSticker generated(Sticker sticker) {
        return new GeneratedSticker(sticker.stickerPng(), sticker.backgroundRemovedPng(), sticker.width(),
                sticker.height(), sticker.seed(), sticker.stickerNsfw(), sticker.backgroundRemovedNsfw());
    }
}
