package dev.sticker.engine.nn;

/** The graph uses an operation, attribute or data type this interpreter does not implement. */
public final class UnsupportedGraphException extends IllegalArgumentException {

    public UnsupportedGraphException(String message) {
        super(message);
    }
}
