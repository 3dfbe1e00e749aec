package dev.sticker.core.port;

import dev.sticker.core.request.Failure;

/** What a {@link Backend} did with a job. */
public sealed interface BackendOutcome {

    /** Both images are ready. */
    record Done(GeneratedSticker sticker) implements BackendOutcome {
    }

    /** Dispatched elsewhere; a signed callback completes the request later. */
    record Pending() implements BackendOutcome {
    }

    /** Generation ended without a result; the request completes with this failure. */
    record Failed(Failure failure) implements BackendOutcome {
    }
}
