package dev.sticker.core.request;

/**
 * fal's queue_position, derived from two shared counters instead of scanning the queue: every submit draws the next
 * submission number ({@link StickerRequest#queueSeq()}, starting at 1) and every claim counts one start. Requests
 * ahead = submitted before this one − started so far. The submit's answer uses the started count read in the same
 * step as its number ({@link QueueTicket}), so a start in the moments before the job is queued is not yet counted;
 * status calls read the count afresh. It is approximate: requests that end without being claimed (cancelled or failed
 * while queued) keep counting as ahead, and jobs run out of order by the queue shift it by a few. It never goes below
 * 0 and is only shown while IN_QUEUE.
 */
public final class QueuePosition {

    private QueuePosition() {
    }

    public static long of(long queueSeq, long startedCount) {
        return Math.max(0, queueSeq - 1 - startedCount);
    }
}
