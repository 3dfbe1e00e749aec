package dev.sticker.core.service;

import dev.sticker.core.input.FieldError;
import dev.sticker.core.request.StickerRequest;

import java.util.List;

/** What became of a submit. */
public sealed interface SubmitOutcome {

    /** Stored IN_QUEUE and queued. */
    record Accepted(StickerRequest request, long queuePosition) implements SubmitOutcome {
    }

    /** Nothing stored: every problem with the input. */
    record Rejected(List<FieldError> errors) implements SubmitOutcome {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }

    /**
     * Nothing stored: a request with this id exists already (the same cause submitted twice). Its queue number was
     * drawn before the create was refused; callers check for the request first so that this stays rare.
     */
    record Duplicate(String requestId) implements SubmitOutcome {
    }

    /** Nothing stored: the inline photo is over the limit. */
    record TooLarge(long limitBytes) implements SubmitOutcome {
    }
}
