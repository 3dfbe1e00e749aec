package dev.sticker.system;

/** Ends a command with a non-zero exit and this one-line reason. */
final class CliFailure extends RuntimeException {

    CliFailure(String reason) {
        super(reason);
    }

    CliFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
