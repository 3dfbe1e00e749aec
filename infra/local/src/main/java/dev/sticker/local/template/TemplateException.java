package dev.sticker.local.template;

/** The template cannot be read or uses something the local cloud cannot resolve; the message names the culprit. */
public final class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
