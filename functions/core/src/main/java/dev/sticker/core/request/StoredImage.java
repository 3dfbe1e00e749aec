package dev.sticker.core.request;

/** A result image kept in the object store; its URL is made when it is read, so it never goes stale. */
public record StoredImage(String key, String contentType, String fileName, long fileSize, int width, int height) {
}
