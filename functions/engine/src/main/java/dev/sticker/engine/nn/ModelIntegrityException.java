package dev.sticker.engine.nn;

/** A model file is missing or its bytes are not the ones the engine was built and tested with. */
public final class ModelIntegrityException extends IllegalStateException {

    public ModelIntegrityException(String message) {
        super(message);
    }
}
