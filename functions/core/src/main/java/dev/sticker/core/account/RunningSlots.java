package dev.sticker.core.account;

import dev.sticker.core.port.AccountStore;
import dev.sticker.core.port.CompletionListener;
import dev.sticker.core.request.StickerRequest;

/**
 * Gives a request's running slot back to its account when it completes, so the account's next request may start;
 * again on every replay (harmless once given back).
 */
public final class RunningSlots implements CompletionListener {

    private final AccountStore accounts;

    public RunningSlots(AccountStore accounts) {
        this.accounts = accounts;
    }

    @Override
    public void completed(StickerRequest request) {
        release(request);
    }

    @Override
    public void replayed(StickerRequest request) {
        release(request);
    }

    private void release(StickerRequest request) {
        if (request.billing() != null) {
            accounts.releaseSlot(request.billing().accountId(), request.id());
        }
    }
}
