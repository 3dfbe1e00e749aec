package dev.sticker.core.input;

import java.util.List;

/** What {@link InputSchema#parse} found: a valid input, or every problem at once. */
public sealed interface ParsedInput {

    record Valid(StickerInput input) implements ParsedInput {
    }

    record Invalid(List<FieldError> errors) implements ParsedInput {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }
}
