package dev.sticker.core.request;

/**
 * What a submit draws from the queue counters in one read-and-increment: its submission number and how many
 * requests had been started at that moment.
 *
 * @param seq     this request's submission number (starting at 1), stored as {@link StickerRequest#queueSeq()}
 * @param started how many requests had been taken off the queue when the number was drawn
 */
public record QueueTicket(long seq, long started) {

    /** The queue position to answer the submit with. */
    public long position() {
        return QueuePosition.of(seq, started);
    }
}
