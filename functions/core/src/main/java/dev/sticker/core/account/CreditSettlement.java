package dev.sticker.core.account;

import dev.sticker.core.port.AccountStore;
import dev.sticker.core.port.CompletionListener;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.request.Billing;
import dev.sticker.core.request.StickerRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Ends the hold of a request that completed: a result charges the price held at submit (with a usage record naming
 * the key and the backend), any failure (no face, a cancel, a dead job, a provider's error) releases it: a caller never
 * pays for an error or for waiting. Run on every completion and again on every replay, it finishes what an
 * interrupted settlement left undone and, the request once settled, does nothing.
 */
public final class CreditSettlement implements CompletionListener {

    private static final Logger LOG = LoggerFactory.getLogger(CreditSettlement.class);

    private final RequestStore store;
    private final AccountStore accounts;
    private final Clock clock;

    public CreditSettlement(RequestStore store, AccountStore accounts, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public void completed(StickerRequest request) {
        settle(request);
    }

    @Override
    public void replayed(StickerRequest request) {
        settle(request);
    }

    public void settle(StickerRequest request) {
        Billing billing = request.billing();
        if (billing == null || request.settledAt() != null) {
            return;
        }
        UsageRecord usage = request.result() == null ? null : new UsageRecord(billing.accountId(), request.id(),
                billing.keyId(), billing.keyAlias(), Pricing.ENDPOINT_ID, Pricing.UNIT, billing.quantity(),
                billing.unitPriceMicros(), billing.priceMicros(), request.completedAt(), request.result().backend());
        accounts.settle(billing.accountId(), request.id(), billing.priceMicros(), request.completedAt(), usage);
        boolean settled = store.settle(request.id(), clock.instant());
        LOG.info("request settled requestId={} accountId={} charged={} priceMicros={} first={}", request.id(),
                billing.accountId(), usage != null, billing.priceMicros(), settled);
    }
}
