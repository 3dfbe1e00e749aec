package dev.sticker.local.events;

/**
 * An object the local S3 server stored, as S3 would announce it.
 *
 * @param eventName {@code ObjectCreated:Put}, {@code ObjectCreated:Copy} or {@code ObjectCreated:CompleteMultipartUpload}
 * @param eTag      without quotes
 */
public record ObjectCreated(String eventName, String bucket, String key, long size, String eTag) {
}
