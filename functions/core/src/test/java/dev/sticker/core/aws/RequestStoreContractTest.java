package dev.sticker.core.aws;

import dev.sticker.core.port.RequestStore.CancelOutcome;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.LogLine;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.StickerResult;
import dev.sticker.core.request.StoredImage;
import dev.sticker.core.request.TestBilling;
import dev.sticker.core.request.Transition;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * The request state machine as the store runs it, against the real local DynamoDB: every declared transition from
 * every place a request can stand, replays, out-of-order deliveries and racing writers, with the stored item checked
 * after each write. What is accepted is the table {@link #ACCEPTED}, and what an accepted write changes is
 * {@link #after} and {@link #CHANGED}, all written here as facts independent of {@link Transition}: a wrong
 * declaration fails this test as surely as a wrong store.
 */
class RequestStoreContractTest {

    private static final Instant CREATED = Instant.parse("2026-01-02T03:04:05Z");
    private static final Instant STARTED = CREATED.plusSeconds(10);
    private static final Instant ENDED = CREATED.plusSeconds(20);
    private static final Instant AT = CREATED.plusSeconds(100);
    private static final StickerResult EARLIER_RESULT = result("earlier");
    private static final StickerResult RESULT = result("sticker");
    private static final Failure FAILURE = Failure.invalidInput("image_url", "value_error.no_face", "No face found");
    private static final int RACERS = 8;

    /** Where a request can stand when a write for it arrives. */
    enum Start {
        ABSENT(null, false, false),
        QUEUED(Status.IN_QUEUE, false, false),
        QUEUED_CANCEL_REQUESTED(Status.IN_QUEUE, true, false),
        RUNNING(Status.IN_PROGRESS, false, false),
        RUNNING_CANCEL_REQUESTED(Status.IN_PROGRESS, true, false),
        COMPLETED(Status.COMPLETED, false, false),
        COMPLETED_CANCEL_REQUESTED(Status.COMPLETED, true, false),
        COMPLETED_SETTLED(Status.COMPLETED, false, true),
        COMPLETED_CANCEL_REQUESTED_SETTLED(Status.COMPLETED, true, true);

        private final Status status;
        private final boolean cancelRequested;
        private final boolean settled;

        Start(Status status, boolean cancelRequested, boolean settled) {
            this.status = status;
            this.cancelRequested = cancelRequested;
            this.settled = settled;
        }

        static Start of(Optional<StickerRequest> request) {
            return Arrays.stream(values())
                    .filter(start -> start.status == request.map(StickerRequest::status).orElse(null)
                            && start.cancelRequested == request.map(StickerRequest::cancelRequested).orElse(false)
                            && start.settled == request.map(r -> r.settledAt() != null).orElse(false))
                    .findFirst().orElseThrow();
        }
    }

    private static final Set<Start> OPEN = EnumSet.of(Start.QUEUED, Start.QUEUED_CANCEL_REQUESTED, Start.RUNNING,
            Start.RUNNING_CANCEL_REQUESTED);

    /** Which write the store accepts from where; it refuses every other pair. */
    private static final Map<Transition, Set<Start>> ACCEPTED = Map.of(
            Transition.CREATE, EnumSet.of(Start.ABSENT),
            Transition.CLAIM, EnumSet.of(Start.QUEUED),
            Transition.COMPLETE, OPEN,
            Transition.FAIL, OPEN,
            Transition.REQUEST_CANCEL, OPEN,
            Transition.SETTLE, EnumSet.of(Start.COMPLETED, Start.COMPLETED_CANCEL_REQUESTED));

    /**
     * The item attributes each accepted write to an existing request may change; every other attribute must keep its
     * value. (A create is compared whole with the item the new request maps to.)
     */
    private static final Map<Transition, Set<String>> CHANGED = Map.of(
            Transition.CLAIM, Set.of("status", "attempts", "started_at"),
            Transition.COMPLETE, Set.of("status", "result", "completed_at"),
            Transition.FAIL, Set.of("status", "failure", "completed_at"),
            Transition.REQUEST_CANCEL, Set.of("cancel_requested", "cancel_requested_at"),
            Transition.SETTLE, Set.of("settled", "settled_at"));

    private final DynamoRequestStore store = LocalAws.requestStore();
    private final DynamoDbClient dynamo = LocalAws.clients().dynamo();

    @Test
    void everyDeclaredTransitionHasItsExpectations() {
        assertEquals(EnumSet.allOf(Transition.class), EnumSet.copyOf(ACCEPTED.keySet()));
        assertEquals(EnumSet.complementOf(EnumSet.of(Transition.CREATE)), EnumSet.copyOf(CHANGED.keySet()));
    }

    @TestFactory
    Stream<DynamicTest> everyTransitionFromEveryStart() {
        return Arrays.stream(Transition.values()).flatMap(transition -> Arrays.stream(Start.values())
                .map(start -> dynamicTest(transition + " from " + start, () -> {
                    String id = UUID.randomUUID().toString();
                    step(id, seed(id, start), transition, accepted(transition, start), AT);
                })));
    }

    @TestFactory
    Stream<DynamicTest> everyAcceptedTransitionReplayed() {
        return Arrays.stream(Transition.values()).flatMap(transition -> Arrays.stream(Start.values())
                .filter(start -> accepted(transition, start))
                .map(start -> dynamicTest(transition + " twice from " + start, () -> {
                    String id = UUID.randomUUID().toString();
                    Optional<StickerRequest> once = step(id, seed(id, start), transition, true, AT);
                    step(id, once, transition, accepted(transition, Start.of(once)), AT.plusSeconds(1));
                })));
    }

    @Test
    void completeBeforeClaimLeavesNothingToClaim() {
        deliver(accept(Transition.CREATE), accept(Transition.COMPLETE), refuse(Transition.CLAIM));
    }

    @Test
    void jobRedeliveredAfterCompletionIsNotClaimed() {
        deliver(accept(Transition.CREATE), accept(Transition.CLAIM), accept(Transition.COMPLETE),
                refuse(Transition.CLAIM));
    }

    @Test
    void failAfterCompleteKeepsTheResult() {
        deliver(accept(Transition.CREATE), accept(Transition.CLAIM), accept(Transition.COMPLETE),
                refuse(Transition.FAIL));
    }

    @Test
    void cancelAfterCompleteIsRefused() {
        deliver(accept(Transition.CREATE), accept(Transition.CLAIM), accept(Transition.COMPLETE),
                refuse(Transition.REQUEST_CANCEL));
    }

    @Test
    void jobArrivingAfterACancelIsNotClaimed() {
        deliver(accept(Transition.CREATE), accept(Transition.REQUEST_CANCEL), accept(Transition.FAIL),
                refuse(Transition.CLAIM));
    }

    @Test
    void jobArrivingBetweenCancelRequestAndCancelFailureIsNotClaimed() {
        deliver(accept(Transition.CREATE), accept(Transition.REQUEST_CANCEL), refuse(Transition.CLAIM),
                accept(Transition.FAIL));
    }

    @Test
    void resultArrivingAfterACancelIsDiscarded() {
        deliver(accept(Transition.CREATE), accept(Transition.CLAIM), accept(Transition.REQUEST_CANCEL),
                accept(Transition.FAIL), refuse(Transition.COMPLETE));
    }

    @Test
    void resultThatBeatsTheCancelFailureStands() {
        deliver(accept(Transition.CREATE), accept(Transition.CLAIM), accept(Transition.REQUEST_CANCEL),
                accept(Transition.COMPLETE), refuse(Transition.FAIL));
    }

    @Test
    void settlementWaitsForTheEndAndHappensOnce() {
        deliver(accept(Transition.CREATE), refuse(Transition.SETTLE), accept(Transition.CLAIM),
                refuse(Transition.SETTLE), accept(Transition.COMPLETE), accept(Transition.SETTLE),
                refuse(Transition.SETTLE));
    }

    @Test
    void racingSettlementsRecordOne() {
        String id = UUID.randomUUID().toString();
        seed(id, Start.COMPLETED);

        List<Boolean> settled = race(i -> () -> store.settle(id, AT.plusSeconds(i)));

        assertEquals(1, settled.stream().filter(Boolean::booleanValue).count(), "settled: " + settled);
        assertEquals(AT.plusSeconds(settled.indexOf(true)), store.find(id).orElseThrow().settledAt());
    }

    @Test
    void racingCreatesStoreOneRequest() {
        String id = UUID.randomUUID().toString();

        List<Boolean> created = race(i -> () -> store.create(queued(id)));

        assertEquals(1, created.stream().filter(Boolean::booleanValue).count(), "created: " + created);
        assertEquals(queued(id), store.find(id).orElseThrow());
    }

    @Test
    void racingClaimsLetExactlyOneWorkerRun() {
        String id = UUID.randomUUID().toString();
        seed(id, Start.QUEUED);

        List<Optional<StickerRequest>> claims = race(i -> () -> store.claim(id, AT.plusSeconds(i)));

        List<StickerRequest> winners = claims.stream().flatMap(Optional::stream).toList();
        assertEquals(1, winners.size(), "claims: " + claims);
        StickerRequest stored = store.find(id).orElseThrow();
        assertEquals(winners.get(0), stored);
        assertEquals(Status.IN_PROGRESS, stored.status());
        assertEquals(1, stored.attempts());
    }

    @Test
    void racingEndingsLetExactlyOneOutcomeStand() {
        String id = UUID.randomUUID().toString();
        seed(id, Start.RUNNING);

        List<Boolean> ended = race(i -> i % 2 == 0
                ? () -> store.complete(id, result("racer-" + i), AT.plusSeconds(i))
                : () -> store.fail(id, Failure.internal("racer-" + i), AT.plusSeconds(i)));

        List<Integer> winners = IntStream.range(0, RACERS).filter(ended::get).boxed().toList();
        assertEquals(1, winners.size(), "ended: " + ended);
        int winner = winners.get(0);
        StickerRequest stored = store.find(id).orElseThrow();
        assertEquals(Status.COMPLETED, stored.status());
        assertEquals(AT.plusSeconds(winner), stored.completedAt());
        assertEquals(winner % 2 == 0 ? result("racer-" + winner) : null, stored.result());
        assertEquals(winner % 2 == 0 ? null : Failure.internal("racer-" + winner), stored.failure());
    }

    /** One write and its expected acceptance, in a delivery order. */
    private record Delivery(Transition transition, boolean accepted) {
    }

    private static Delivery accept(Transition transition) {
        return new Delivery(transition, true);
    }

    private static Delivery refuse(Transition transition) {
        return new Delivery(transition, false);
    }

    /** Delivers the writes in order to a request that does not exist yet, one second apart. */
    private void deliver(Delivery... deliveries) {
        String id = UUID.randomUUID().toString();
        Optional<StickerRequest> expected = Optional.empty();
        for (int i = 0; i < deliveries.length; i++) {
            Delivery delivery = deliveries[i];
            assertEquals(delivery.accepted(), accepted(delivery.transition(), Start.of(expected)),
                    "the delivery order disagrees with the table at " + delivery);
            expected = step(id, expected, delivery.transition(), delivery.accepted(), AT.plusSeconds(i));
        }
    }

    /**
     * Applies one write to the request as it stands ({@code before}), checks that it is accepted or refused as
     * expected, in the store and in {@link Transition#allows}, and checks the stored item: an accepted write changed
     * exactly what it should, a refused one nothing. Returns the request as it now stands.
     */
    private Optional<StickerRequest> step(String id, Optional<StickerRequest> before, Transition transition,
                                          boolean expectAccepted, Instant at) {
        assertEquals(expectAccepted, before.map(transition::allows).orElse(transition.creates()),
                "the declaration's own check of " + transition + " from " + Start.of(before));
        Map<String, AttributeValue> itemBefore = item(id);

        boolean accepted = apply(transition, id, at, before.isPresent());

        assertEquals(expectAccepted, accepted, transition + " from " + Start.of(before));
        Optional<StickerRequest> now = accepted ? Optional.of(after(transition, before, id, at)) : before;
        assertEquals(now, store.find(id));
        Map<String, AttributeValue> itemAfter = item(id);
        if (!accepted) {
            assertEquals(itemBefore, itemAfter, "a refused " + transition + " must leave the item untouched");
        } else if (transition == Transition.CREATE) {
            assertEquals(RequestItems.toItem(queued(id)), itemAfter);
        } else {
            Set<String> changed = changedAttributes(itemBefore, itemAfter);
            assertTrue(CHANGED.get(transition).containsAll(changed), transition + " changed " + changed);
        }
        if (accepted && transition == Transition.REQUEST_CANCEL) {
            assertEquals(AttributeValue.fromS(at.toString()), itemAfter.get("cancel_requested_at"));
        }
        return now;
    }

    /** Sends the transition through the store's port; whether the store accepted it. */
    private boolean apply(Transition transition, String id, Instant at, boolean exists) {
        return switch (transition) {
            case CREATE -> store.create(queued(id));
            case CLAIM -> {
                Optional<StickerRequest> claimed = store.claim(id, at);
                claimed.ifPresent(request -> assertEquals(store.find(id).orElseThrow(), request,
                        "a claim returns the request as stored"));
                yield claimed.isPresent();
            }
            case COMPLETE -> store.complete(id, RESULT, at);
            case FAIL -> store.fail(id, FAILURE, at);
            case REQUEST_CANCEL -> {
                CancelOutcome outcome = store.requestCancel(id, at);
                if (outcome != CancelOutcome.CANCELLATION_REQUESTED) {
                    assertEquals(exists ? CancelOutcome.ALREADY_COMPLETED : CancelOutcome.NOT_FOUND, outcome);
                }
                yield outcome == CancelOutcome.CANCELLATION_REQUESTED;
            }
            case SETTLE -> store.settle(id, at);
        };
    }

    /** The request an accepted write leaves behind. */
    private static StickerRequest after(Transition transition, Optional<StickerRequest> before, String id,
                                        Instant at) {
        StickerRequest r = before.orElse(null);
        return switch (transition) {
            case CREATE -> queued(id);
            case CLAIM -> state(r, Status.IN_PROGRESS, r.attempts() + 1, r.cancelRequested(), at, r.completedAt(),
                    r.result(), r.failure());
            case COMPLETE -> state(r, Status.COMPLETED, r.attempts(), r.cancelRequested(), r.startedAt(), at, RESULT,
                    r.failure());
            case FAIL -> state(r, Status.COMPLETED, r.attempts(), r.cancelRequested(), r.startedAt(), at, r.result(),
                    FAILURE);
            case REQUEST_CANCEL -> state(r, r.status(), r.attempts(), true, r.startedAt(), r.completedAt(), r.result(),
                    r.failure());
            case SETTLE -> settled(r, at);
        };
    }

    /** Stores the request as it would stand at {@code start}, written directly so that no transition is involved. */
    private Optional<StickerRequest> seed(String id, Start start) {
        StickerRequest queued = queued(id);
        Optional<StickerRequest> request = switch (start) {
            case ABSENT -> Optional.empty();
            case QUEUED -> Optional.of(queued);
            case QUEUED_CANCEL_REQUESTED -> Optional.of(state(queued, Status.IN_QUEUE, 0, true, null, null, null,
                    null));
            case RUNNING -> Optional.of(state(queued, Status.IN_PROGRESS, 1, false, STARTED, null, null, null));
            case RUNNING_CANCEL_REQUESTED -> Optional.of(state(queued, Status.IN_PROGRESS, 1, true, STARTED, null,
                    null, null));
            case COMPLETED -> Optional.of(state(queued, Status.COMPLETED, 1, false, STARTED, ENDED, EARLIER_RESULT,
                    null));
            case COMPLETED_CANCEL_REQUESTED -> Optional.of(state(queued, Status.COMPLETED, 0, true, null, ENDED, null,
                    Failure.cancelled()));
            case COMPLETED_SETTLED -> Optional.of(settled(state(queued, Status.COMPLETED, 1, false, STARTED, ENDED,
                    EARLIER_RESULT, null), ENDED));
            case COMPLETED_CANCEL_REQUESTED_SETTLED -> Optional.of(settled(state(queued, Status.COMPLETED, 0, true,
                    null, ENDED, null, Failure.cancelled()), ENDED));
        };
        request.ifPresent(r -> dynamo.putItem(put -> put.tableName(LocalAws.table()).item(RequestItems.toItem(r))));
        assertEquals(request, store.find(id), "seeded " + start);
        return request;
    }

    /** A new request as a submit stores it, with a log line and a webhook so a stray write would show. */
    private static StickerRequest queued(String id) {
        return new StickerRequest(id, "fal-ai/face-to-sticker", Status.IN_QUEUE, TestBilling.ONE_MEGAPIXEL,
                "{\"image_url\":\"https://example.com/a.png\",\"prompt\":\"a person\"}", 7, null, null,
                List.of(LogLine.info("submitted", CREATED)), "https://example.com/hook", 0, false, CREATED, null, null,
                null, CREATED.plusSeconds(7 * 86400).getEpochSecond());
    }

    private static StickerRequest state(StickerRequest r, Status status, int attempts, boolean cancelRequested,
                                        Instant startedAt, Instant completedAt, StickerResult result,
                                        Failure failure) {
        return new StickerRequest(r.id(), r.modelId(), status, r.billing(), r.inputJson(), r.queueSeq(), result,
                failure, r.logs(), r.webhookUrl(), attempts, cancelRequested, r.createdAt(), startedAt, completedAt,
                r.settledAt(), r.expiresAt());
    }

    private static StickerRequest settled(StickerRequest r, Instant at) {
        return new StickerRequest(r.id(), r.modelId(), r.status(), r.billing(), r.inputJson(), r.queueSeq(),
                r.result(), r.failure(), r.logs(), r.webhookUrl(), r.attempts(), r.cancelRequested(), r.createdAt(),
                r.startedAt(), r.completedAt(), at, r.expiresAt());
    }

    private static boolean accepted(Transition transition, Start start) {
        return ACCEPTED.get(transition).contains(start);
    }

    /** The item as stored, attribute for attribute; empty when there is none. */
    private Map<String, AttributeValue> item(String id) {
        var response = dynamo.getItem(get -> get.tableName(LocalAws.table())
                .key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true));
        return response.hasItem() ? response.item() : Map.of();
    }

    private static Set<String> changedAttributes(Map<String, AttributeValue> before,
                                                 Map<String, AttributeValue> after) {
        Set<String> names = new HashSet<>(before.keySet());
        names.addAll(after.keySet());
        names.removeIf(name -> Objects.equals(before.get(name), after.get(name)));
        return names;
    }

    /** Runs {@link #RACERS} writers released together; their answers in racer order. */
    private static <T> List<T> race(IntFunction<Callable<T>> racers) {
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> answers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                Callable<T> racer = racers.apply(i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return racer.call();
                }));
            }
            start.countDown();
            return answers.stream().map(LocalAws::await).toList();
        } finally {
            pool.shutdown();
        }
    }

    private static StickerResult result(String name) {
        return new StickerResult(
                new StoredImage("results/" + name + "/sticker.png", "image/png", name + ".png", 1234, 512, 512),
                new StoredImage("results/" + name + "/bg.png", "image/png", name + "-bg.png", 987, 512, 512),
                3625437076L, false, true, "builtin");
    }
}
