package dev.sticker.core.account;

import java.time.Instant;

/**
 * One line of an account's append-only ledger. Every change of the balance is one line, so the balance is the sum
 * of the lines' amounts. A release records that a reservation was given back: it moves no credit, so its amount is
 * 0 and {@code releasedMicros} says how much was freed.
 *
 * @param entryId   unique per account: {@code request/<id>} for a charge or release, so each is recorded once
 * @param requestId the request charged or released, else null
 */
public record LedgerEntry(String entryId, Kind kind, long amountMicros, long releasedMicros, Instant at,
                          String requestId, String note) {

    public enum Kind { TOPUP, CORRECTION, CHARGE, RELEASE }

    /** The entry id of a request's charge or release: one per request, so a second one is refused. */
    public static String forRequest(String requestId) {
        return "request/" + requestId;
    }
}
