package dev.sticker.core.port;

import dev.sticker.core.photo.ResultImages.ImageSource;
import dev.sticker.core.request.Failure;

/** What a {@link Backend} did with a job, or how a job it runs elsewhere stands. */
public sealed interface BackendOutcome {

    /** Both images are in hand (the built-in engine). */
    record Done(GeneratedSticker sticker) implements BackendOutcome {
    }

    /**
     * A provider finished: both images, inline or at URLs to copy from at once (providers delete them), with the seed
     * it used and its safety flags.
     */
    record Delivered(ImageSource sticker, ImageSource backgroundRemoved, long seed, boolean stickerNsfw,
                     boolean backgroundRemovedNsfw) implements BackendOutcome {
    }

    /** Dispatched, or still running elsewhere; {@code upstreamId} is the provider's own id for the job. */
    record Pending(String upstreamId) implements BackendOutcome {
    }

    /**
     * Ended without a result. The fault says whose it is: the caller's (a bad input, no face) ends the request with
     * this failure; the provider's (an outage, a timeout, bad upstream credentials) moves it to the next backend.
     */
    record Failed(Failure failure, Fault fault) implements BackendOutcome {

        public static Failed callers(Failure failure) {
            return new Failed(failure, Fault.CALLER);
        }

        public static Failed providers(Failure failure) {
            return new Failed(failure, Fault.PROVIDER);
        }
    }

    /** Whose fault a failure is. */
    enum Fault { CALLER, PROVIDER }
}
