package dev.sticker.core.service;

import dev.sticker.core.account.Caller;
import dev.sticker.core.port.AccountStore;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.request.QueuePosition;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;

import java.util.Optional;

/**
 * The requests a caller may see: those of its own account. Another account's request is answered exactly as an
 * unknown one, so its existence does not leak. Queue positions count within the request's account, whose concurrency
 * limit decides when it starts.
 */
public final class OwnRequests {

    private final RequestStore store;
    private final AccountStore accounts;

    public OwnRequests(RequestStore store, AccountStore accounts) {
        this.store = store;
        this.accounts = accounts;
    }

    public Optional<StickerRequest> find(Caller caller, String requestId) {
        return store.find(requestId).filter(request -> request.billing() != null
                && request.billing().accountId().equals(caller.accountId()));
    }

    /** Requests ahead of this one in its account's queue; 0 once it left the queue. */
    public long queuePosition(StickerRequest request) {
        if (request.status() != Status.IN_QUEUE) {
            return 0;
        }
        long started = accounts.find(request.billing().accountId()).map(account -> account.started()).orElse(0L);
        return QueuePosition.of(request.queueSeq(), started);
    }
}
