package dev.sticker.core.service;

import dev.sticker.core.input.FieldError;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.FalWire;

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

    /** Nothing stored or held: the account may not start new work ({@code status} 403 or 429, fal's detail). */
    record Refused(int status, String detail) implements SubmitOutcome {

        /** The answer in fal's words: a 403 says the user is locked and why. */
        public ApiReply reply() {
            return status == 403 ? FalWire.locked(detail) : FalWire.error(status, detail);
        }
    }

    /** Nothing stored: the inline photo is over the limit. */
    record TooLarge(long limitBytes) implements SubmitOutcome {
    }
}
