package dev.sticker.core.service;

/**
 * A submit as received.
 *
 * @param body       the raw JSON body (fal's Input)
 * @param webhookUrl the caller's fal_webhook query parameter, or null
 * @param owner      who submitted it (an API key id, the ingest bucket, ...), or null when anonymous
 */
public record Submission(String body, String webhookUrl, String owner) {
}
