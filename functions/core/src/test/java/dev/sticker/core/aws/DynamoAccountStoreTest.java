package dev.sticker.core.aws;

import dev.sticker.core.account.Account;
import dev.sticker.core.account.AccountAdmin;
import dev.sticker.core.account.LedgerEntry;
import dev.sticker.core.account.UsageRecord;
import dev.sticker.core.port.AccountStore.AccountChange;
import dev.sticker.core.port.AccountStore.Refusal;
import dev.sticker.core.port.AccountStore.Reservation;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DynamoAccountStoreTest {

    private static final long PRICE = 20_972;
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private final DynamoAccountStore accounts = LocalAws.accountStore();

    @Test
    void openedAccountReadsBackWithItsOpeningCreditAndTakenIdsAreRefused() {
        Account opened = open(5 * PRICE, 2);

        Account stored = accounts.find(opened.id()).orElseThrow();

        assertEquals(opened, stored);
        assertEquals(5 * PRICE, stored.balanceMicros());
        assertEquals(0, stored.reservedMicros());
        assertFalse(accounts.create(stored), "an id is taken once");
        assertTrue(accounts.find("no-such-account").isEmpty());
    }

    @Test
    void reservationHoldsThePriceAndNumbersTheRequest() {
        Account account = open(5 * PRICE, 2);

        Reservation.Held first = assertInstanceOf(Reservation.Held.class, accounts.reserve(account.id(), "r1", PRICE));
        Reservation.Held second = assertInstanceOf(Reservation.Held.class, accounts.reserve(account.id(), "r2", PRICE));

        assertEquals(1, first.ticket().seq());
        assertEquals(2, second.ticket().seq());
        assertTrue(first.fresh() && second.fresh());
        Account after = accounts.find(account.id()).orElseThrow();
        assertEquals(5 * PRICE, after.balanceMicros(), "a hold spends nothing yet");
        assertEquals(2 * PRICE, after.reservedMicros());
        assertEquals(3 * PRICE, after.availableMicros());
    }

    @Test
    void theSameRequestReservingAgainHoldsOnce() {
        Account account = open(5 * PRICE, 2);
        accounts.reserve(account.id(), "r1", PRICE);

        Reservation.Held again = assertInstanceOf(Reservation.Held.class, accounts.reserve(account.id(), "r1", PRICE));

        assertFalse(again.fresh());
        assertEquals(PRICE, accounts.find(account.id()).orElseThrow().reservedMicros());
    }

    @Test
    void reservationBeyondTheAvailableCreditIsRefusedWithFalsWordingAndChangesNothing() {
        Account account = open(PRICE + PRICE / 2, 2);
        accounts.reserve(account.id(), "r1", PRICE);

        Reservation.Refused refused = assertInstanceOf(Reservation.Refused.class,
                accounts.reserve(account.id(), "r2", PRICE));

        assertEquals(Refusal.LOCKED, refused.refusal());
        assertEquals("Exhausted balance", refused.reason());
        Account after = accounts.find(account.id()).orElseThrow();
        assertEquals(PRICE, after.reservedMicros());
        assertEquals(1, after.submitted(), "no queue number was drawn");
    }

    @Test
    void lockedAndUnknownAccountsAreRefused() {
        Account account = open(5 * PRICE, 2);
        accounts.update(account.id(), new AccountChange(null, null, null, true, "Unpaid invoice"));

        Reservation.Refused locked = assertInstanceOf(Reservation.Refused.class,
                accounts.reserve(account.id(), "r1", PRICE));
        Reservation.Refused unknown = assertInstanceOf(Reservation.Refused.class,
                accounts.reserve("no-such-account", "r1", PRICE));

        assertEquals("Unpaid invoice", locked.reason());
        assertEquals(Refusal.UNKNOWN_ACCOUNT, unknown.refusal());
        accounts.update(account.id(), new AccountChange(null, null, null, false, null));
        assertInstanceOf(Reservation.Held.class, accounts.reserve(account.id(), "r1", PRICE));
    }

    @Test
    void parallelReservationsAcceptExactlyAsManyAsTheCreditPaysFor() throws Exception {
        Account account = open(5 * PRICE, 2);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Reservation>> reservations = IntStream.range(0, 16)
                    .mapToObj(i -> pool.submit(() -> accounts.reserve(account.id(), "r" + i, PRICE))).toList();
            List<Reservation> outcomes = reservations.stream().map(LocalAws::await).toList();

            assertEquals(5, outcomes.stream().filter(Reservation.Held.class::isInstance).count());
            Account after = accounts.find(account.id()).orElseThrow();
            assertEquals(5 * PRICE, after.reservedMicros());
            assertEquals(0, after.availableMicros());
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), outcomes.stream().filter(Reservation.Held.class::isInstance)
                    .map(held -> ((Reservation.Held) held).ticket().seq()).sorted().toList());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void chargeSpendsTheHoldOnceWithOneLedgerLineAndOneUsageRecord() {
        Account account = open(5 * PRICE, 2);
        accounts.reserve(account.id(), "r1", PRICE);
        UsageRecord usage = usage(account.id(), "r1");

        accounts.settle(account.id(), "r1", PRICE, NOW, usage);
        accounts.settle(account.id(), "r1", PRICE, NOW, usage);
        accounts.settle(account.id(), "r1", PRICE, NOW, null);

        Account after = accounts.find(account.id()).orElseThrow();
        assertEquals(4 * PRICE, after.balanceMicros());
        assertEquals(0, after.reservedMicros());
        List<LedgerEntry> charges = accounts.ledger(account.id()).stream()
                .filter(line -> "r1".equals(line.requestId())).toList();
        assertEquals(1, charges.size());
        assertEquals(LedgerEntry.Kind.CHARGE, charges.get(0).kind());
        assertEquals(-PRICE, charges.get(0).amountMicros());
        assertEquals(List.of(usage), accounts.usage(Optional.of(account.id()), NOW, NOW.plusSeconds(1)));
    }

    @Test
    void releaseGivesTheHoldBackOnceAndSpendsNothing() {
        Account account = open(PRICE, 2);
        accounts.reserve(account.id(), "r1", PRICE);

        accounts.settle(account.id(), "r1", PRICE, NOW, null);
        accounts.settle(account.id(), "r1", PRICE, NOW, null);
        accounts.settle(account.id(), "r1", PRICE, NOW, usage(account.id(), "r1"));

        Account after = accounts.find(account.id()).orElseThrow();
        assertEquals(PRICE, after.balanceMicros());
        assertEquals(PRICE, after.availableMicros());
        LedgerEntry release = accounts.ledger(account.id()).stream()
                .filter(line -> "r1".equals(line.requestId())).findFirst().orElseThrow();
        assertEquals(LedgerEntry.Kind.RELEASE, release.kind());
        assertEquals(0, release.amountMicros());
        assertEquals(PRICE, release.releasedMicros());
        assertTrue(accounts.usage(Optional.of(account.id()), NOW, NOW.plusSeconds(1)).isEmpty());
    }

    @Test
    void topUpUnlocksTheNextReservationAtOnce() {
        Account account = open(0, 2);
        assertInstanceOf(Reservation.Refused.class, accounts.reserve(account.id(), "r1", PRICE));

        Account after = accounts.credit(account.id(), PRICE, LedgerEntry.Kind.TOPUP, "paid", NOW);

        assertEquals(PRICE, after.availableMicros());
        assertInstanceOf(Reservation.Held.class, accounts.reserve(account.id(), "r1", PRICE));
    }

    @Test
    void balanceAlwaysEqualsTheSumOfTheLedger() {
        Account account = open(3 * PRICE, 2);
        accounts.credit(account.id(), 1_000_000, LedgerEntry.Kind.TOPUP, "top-up", NOW);
        accounts.credit(account.id(), -250_000, LedgerEntry.Kind.CORRECTION, "refund reversed", NOW);
        for (String id : List.of("r1", "r2", "r3")) {
            accounts.reserve(account.id(), id, PRICE);
        }
        accounts.settle(account.id(), "r1", PRICE, NOW, usage(account.id(), "r1"));
        accounts.settle(account.id(), "r2", PRICE, NOW, null);
        accounts.settle(account.id(), "r3", PRICE, NOW, usage(account.id(), "r3"));

        Account after = accounts.find(account.id()).orElseThrow();
        List<LedgerEntry> ledger = accounts.ledger(account.id());
        assertEquals(after.balanceMicros(), ledger.stream().mapToLong(LedgerEntry::amountMicros).sum());
        assertEquals(3 * PRICE + 750_000 - 2 * PRICE, after.balanceMicros());
        assertEquals(2 * PRICE, accounts.usage(Optional.of(account.id()), NOW, NOW.plusSeconds(1)).stream()
                .mapToLong(UsageRecord::costMicros).sum(), "usage sums to the charges");
    }

    @Test
    void runningSlotsAreBoundedByTheConcurrencyLimitAndCountEachStartOnce() {
        Account account = open(5 * PRICE, 2);

        assertTrue(accounts.acquireSlot(account.id(), "r1", NOW));
        assertTrue(accounts.acquireSlot(account.id(), "r2", NOW));
        assertFalse(accounts.acquireSlot(account.id(), "r3", NOW), "two run at once at most");
        assertTrue(accounts.acquireSlot(account.id(), "r1", NOW), "a job delivered again keeps its slot");
        assertEquals(2, accounts.find(account.id()).orElseThrow().started());

        accounts.releaseSlot(account.id(), "r1");
        accounts.releaseSlot(account.id(), "r1");

        assertTrue(accounts.acquireSlot(account.id(), "r3", NOW));
        assertEquals(3, accounts.find(account.id()).orElseThrow().started());
    }

    @Test
    void updateChangesOnlyTheFieldsGiven() {
        Account account = open(PRICE, 2);

        Account after = accounts.update(account.id(), new AccountChange("Renamed", 5, null, null, null)).orElseThrow();

        assertEquals("Renamed", after.name());
        assertEquals(5, after.concurrencyLimit());
        assertEquals(account.rateLimitPerMinute(), after.rateLimitPerMinute());
        assertEquals(account.balanceMicros(), after.balanceMicros());
        assertTrue(accounts.update("no-such-account", new AccountChange("x", null, null, null, null)).isEmpty());
    }

    @Test
    void usageOfAllAccountsIsReadInTimeOrderWithinTheRange() {
        Account first = open(5 * PRICE, 2);
        Account second = open(5 * PRICE, 2);
        Instant at = NOW.plus(3650, ChronoUnit.DAYS);
        UsageRecord early = usage(first.id(), "r1", at);
        UsageRecord late = usage(second.id(), "r2", at.plusSeconds(30));
        UsageRecord outside = usage(first.id(), "r3", at.plusSeconds(60));
        for (UsageRecord record : List.of(late, early, outside)) {
            accounts.reserve(record.accountId(), record.requestId(), PRICE);
            accounts.settle(record.accountId(), record.requestId(), PRICE, record.at(), record);
        }

        assertEquals(List.of(early, late), accounts.usage(Optional.empty(), at, at.plusSeconds(60)));
        assertEquals(List.of(early), accounts.usage(Optional.of(first.id()), at, at.plusSeconds(60)));
    }

    private Account open(long creditMicros, int concurrencyLimit) {
        return new AccountAdmin(accounts, LocalAws.keyStore(), Clock.systemUTC())
                .open(new AccountAdmin.Opening(null, "test " + UUID.randomUUID(), creditMicros, concurrencyLimit, 60))
                .orElseThrow();
    }

    private static UsageRecord usage(String accountId, String requestId) {
        return usage(accountId, requestId, NOW);
    }

    private static UsageRecord usage(String accountId, String requestId, Instant at) {
        return new UsageRecord(accountId, requestId, "key-1", "web", "fal-ai/face-to-sticker", "megapixels",
                new BigDecimal("1.048576"), 20_000, PRICE, at, "builtin");
    }
}
