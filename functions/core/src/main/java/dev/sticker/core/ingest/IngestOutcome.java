package dev.sticker.core.ingest;

import dev.sticker.core.input.FieldError;

import java.util.List;

/** What became of one dropped photo's event. */
public sealed interface IngestOutcome {

    /** A request was created and queued. */
    record Submitted(String key, String requestId) implements IngestOutcome {
    }

    /** The event had been handled before (same key, ETag and sequencer): nothing new was created. */
    record Duplicate(String key, String requestId) implements IngestOutcome {
    }

    /** The inputs were invalid: no request; {@code stickers/<name>/error.json} holds fal's 422 body. */
    record Rejected(String key, List<FieldError> errors) implements IngestOutcome {
        public Rejected {
            errors = List.copyOf(errors);
        }
    }

    /** The billed account may not pay for it: no request; {@code error.json} holds the refusal. */
    record Refused(String key, String detail) implements IngestOutcome {
    }

    /** Not a photo to generate from, or no longer the object the event announced. */
    record Skipped(String key, String reason) implements IngestOutcome {
    }
}
