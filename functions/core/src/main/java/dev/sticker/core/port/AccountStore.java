package dev.sticker.core.port;

import dev.sticker.core.account.Account;
import dev.sticker.core.account.LedgerEntry;
import dev.sticker.core.account.UsageRecord;
import dev.sticker.core.request.QueueTicket;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Accounts, their credit and their limits. Every change of credit is a conditional write that cannot happen twice for
 * one request: a request's price is held at submit, and the hold is later either charged or released, once, whatever
 * is replayed or retried.
 */
public interface AccountStore {

    /**
     * Requests an account may have waiting or running at once. Their holds live in the account item, which every
     * credit write rewrites: a few kilobytes at most keeps each write cheap and the item far from hot.
     */
    int MAX_OPEN_REQUESTS = 100;

    /** Stores a new account; false when the id is taken. */
    boolean create(Account account);

    Optional<Account> find(String accountId);

    /**
     * Holds {@code priceMicros} of the account's available credit for the request and draws the request's number in
     * the account's queue, in one conditional write: refused when the account is unknown or locked, when its
     * available credit is below the price, or when it already has too many requests waiting.
     */
    Reservation reserve(String accountId, String requestId, long priceMicros);

    /** What a reservation came to. */
    sealed interface Reservation {

        /**
         * The price is held; the ticket says where the request stands in the account's queue. {@code fresh} is false
         * when the request held it already (the same submit made again), so nothing new was held.
         */
        record Held(QueueTicket ticket, boolean fresh) implements Reservation {
        }

        /** Nothing was held; {@code reason} is fal's wording (e.g. "Exhausted balance"). */
        record Refused(Refusal refusal, String reason) implements Reservation {
        }
    }

    /** Why a reservation was refused. */
    enum Refusal { UNKNOWN_ACCOUNT, LOCKED, TOO_MANY_WAITING }

    /**
     * Ends a request's hold: charges it (with its usage record) or releases it. Records the ledger line first, then
     * moves the credit; each step is conditional on the request id, so a settlement run again finishes what an
     * interrupted one started and never charges or releases twice.
     *
     * @param usage the usage record of a charge; null for a release
     */
    void settle(String accountId, String requestId, long priceMicros, Instant at, UsageRecord usage);

    /** Adds credit (a negative amount corrects it down) with its ledger line; answers the account after. */
    Account credit(String accountId, long amountMicros, LedgerEntry.Kind kind, String note, Instant at);

    /** Changes an account's name, limits or lock; the fields left null are kept. Empty for an unknown account. */
    Optional<Account> update(String accountId, AccountChange change);

    /** What an update may change; null fields are kept as they are. */
    record AccountChange(String name, Integer concurrencyLimit, Integer rateLimitPerMinute, Boolean locked,
                         String lockReason) {
    }

    /**
     * Takes one of the account's running slots for the request, if fewer than its concurrency limit are taken, and
     * counts the request as started; true also when the request holds a slot already (a job delivered again).
     */
    boolean acquireSlot(String accountId, String requestId, Instant now);

    /** Counts one more request taken off the account's queue without running (it ended while it waited). */
    void countStarted(String accountId);

    /** Gives the request's running slot back; harmless when it holds none. */
    void releaseSlot(String accountId, String requestId);

    /** The account's ledger, oldest first. */
    List<LedgerEntry> ledger(String accountId);

    /** Usage records in {@code [from, to)}, of one account or of all, oldest first. */
    List<UsageRecord> usage(Optional<String> accountId, Instant from, Instant to);
}
