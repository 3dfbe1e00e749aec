package dev.sticker.core.port;

import dev.sticker.core.input.StickerInput;

/**
 * One generation to run.
 *
 * @param input    the validated input; its seed is already the one to use
 * @param seed     the seed to use (the caller's, or drawn for this run)
 * @param photo    the face photo, loaded only when asked for (a dispatching backend never needs the bytes)
 * @param photoUrl the photo as a URL a provider elsewhere can fetch: the caller's own URL, or a presigned link to
 *                 the copy we keep
 * @param progress where to report progress lines the caller can see in the status call
 */
public record GenerationJob(String requestId, StickerInput input, long seed, Photo photo, String photoUrl,
                            ProgressLog progress) {
}
