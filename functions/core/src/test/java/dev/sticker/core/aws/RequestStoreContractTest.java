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
        ABSENT(null, false, false, false),
        QUEUED(Status.IN_QUEUE, false, false, false),
        QUEUED_CANCEL_REQUESTED(Status.IN_QUEUE, true, false, false),
        RUNNING(Status.IN_PROGRESS, false, false, false),
        RUNNING_CANCEL_REQUESTED(Status.IN_PROGRESS, true, false, false),
        RUNNING_ELSEWHERE(Status.IN_PROGRESS, false, false, true),
        RUNNING_ELSEWHERE_CANCEL_REQUESTED(Status.IN_PROGRESS, true, false, true),
        COMPLETED(Status.COMPLETED, false, false, false),
        COMPLETED_CANCEL_REQUESTED(Status.COMPLETED, true, false, false),
        COMPLETED_SETTLED(Status.COMPLETED, false, true, false),
        COMPLETED_CANCEL_REQUESTED_SETTLED(Status.COMPLETED, true, true, false);

        private final Status status;
        private final boolean cancelRequested;
        private final boolean settled;
        private final boolean dispatched;

        Start(Status status, boolean cancelRequested, boolean settled, boolean dispatched) {
            this.status = status;
            this.cancelRequested = cancelRequested;
            this.settled = settled;
            this.dispatched = dispatched;
        }

        /** Where the request stands; whether it was handed elsewhere matters only while it runs. */
        static Start of(Optional<StickerRequest> request) {
            Status status = request.map(StickerRequest::status).orElse(null);
            return Arrays.stream(values())
                    .filter(start -> start.status == status
                            && start.cancelRequested == request.map(StickerRequest::cancelRequested).orElse(false)
                            && start.settled == request.map(r -> r.settledAt() != null).orElse(false)
                            && (status != Status.IN_PROGRESS
                                || start.dispatched == request.map(r -> r.dispatch() != null).orElse(false)))
                    .findFirst().orElseThrow();
        }
    }

    private static final Set<Start> OPEN = EnumSet.of(Start.QUEUED, Start.QUEUED_CANCEL_REQUESTED, Start.RUNNING,
            Start.RUNNING_CANCEL_REQUESTED, Start.RUNNING_ELSEWHERE, Start.RUNNING_ELSEWHERE_CANCEL_REQUESTED);
    private static final StickerRequest.Dispatch DISPATCH = new StickerRequest.Dispatch("fal", "upstream-7", STARTED);

    /** Which write the store accepts from where; it refuses every other pair. */
    private static final Map<Transition, Set<Start>> ACCEPTED = Map.ofEntries(
            Map.entry(Transition.CREATE, EnumSet.of(Start.ABSENT)),
            Map.entry(Transition.CLAIM, EnumSet.of(Start.QUEUED)),
            Map.entry(Transition.RECLAIM, EnumSet.of(Start.RUNNING)),
            Map.entry(Transition.WAIT, EnumSet.of(Start.QUEUED, Start.QUEUED_CANCEL_REQUESTED)),
            Map.entry(Transition.REQUEUE, OPEN),
            Map.entry(Transition.DISPATCH, EnumSet.of(Start.RUNNING, Start.RUNNING_ELSEWHERE)),
            Map.entry(Transition.FAIL_OVER, EnumSet.of(Start.RUNNING, Start.RUNNING_ELSEWHERE)),
            Map.entry(Transition.ABANDON, OPEN),
            Map.entry(Transition.COMPLETE, OPEN),
            Map.entry(Transition.FAIL, OPEN),
            Map.entry(Transition.REQUEST_CANCEL, OPEN),
            Map.entry(Transition.SETTLE, EnumSet.of(Start.COMPLETED, Start.COMPLETED_CANCEL_REQUESTED)));

    /**
     * The item attributes each accepted write to an existing request may change; every other attribute must keep its
     * value. (A create is compared whole with the item the new request maps to.)
     */
    private static final Map<Transition, Set<String>> CHANGED = Map.ofEntries(
            Map.entry(Transition.CLAIM, Set.of("status", "attempts", "started_at")),
            Map.entry(Transition.RECLAIM, Set.of("attempts", "started_at")),
            Map.entry(Transition.WAIT, Set.of("queue_seen_at")),
            Map.entry(Transition.REQUEUE, Set.of("requeues", "queue_seen_at")),
            Map.entry(Transition.DISPATCH, Set.of("dispatch")),
            Map.entry(Transition.FAIL_OVER, Set.of("status", "dispatch", "failed_backends")),
            Map.entry(Transition.ABANDON, Set.of("status", "failure", "completed_at", "open_shard")),
            Map.entry(Transition.COMPLETE, Set.of("status", "result", "completed_at", "open_shard")),
            Map.entry(Transition.FAIL, Set.of("status", "failure", "completed_at", "open_shard")),
            Map.entry(Transition.REQUEST_CANCEL, Set.of("cancel_requested", "cancel_requested_at")),
            Map.entry(Transition.SETTLE, Set.of("settled", "settled_at")));

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
    void writesGuardedByACountTheCallerReadAreRefusedOnceTheCountMoved() {
        String id = UUID.randomUUID().toString();
        seed(id, Start.QUEUED);
        store.claim(id, AT);

        assertEquals(false, store.abandon(id, 0, FAILURE, AT), "a worker took the request since the sweep read it");
        assertEquals(false, store.requeue(id, 1, AT), "the sweep read another requeue count");
        assertEquals(Optional.empty(), store.reclaim(id, 0, AT), "the attempt read is not the current one");
        assertEquals(false, store.dispatch(id, 0, DISPATCH), "an attempt replaced since may not hand the job over");
        assertEquals(Status.IN_PROGRESS, store.find(id).orElseThrow().status());
    }

    @Test
    void openRequestsAreReadFromTheIndexUntilTheyEnd() {
        String queued = UUID.randomUUID().toString();
        String ended = UUID.randomUUID().toString();
        seed(queued, Start.QUEUED);
        seed(ended, Start.RUNNING);
        store.complete(ended, RESULT, AT);

        List<String> open = store.openRequests().stream().map(StickerRequest::id).toList();

        assertTrue(open.contains(queued));
        assertTrue(!open.contains(ended), "a completed request leaves the index");
    }

    @Test
    void racingSweepsRequeueOnce() {
        String id = UUID.randomUUID().toString();
        seed(id, Start.QUEUED);

        List<Boolean> requeued = race(i -> () -> store.requeue(id, 0, AT.plusSeconds(i)));

        assertEquals(1, requeued.stream().filter(Boolean::booleanValue).count(), "requeued: " + requeued);
        assertEquals(1, store.find(id).orElseThrow().requeues());
    }

    @Test
    void theSweeperAndALateWorkerNeverBothEndARequest() {
        String id = UUID.randomUUID().toString();
        seed(id, Start.RUNNING);

        List<Boolean> ended = race(i -> i % 2 == 0 ? () -> store.abandon(id, 1, FAILURE, AT.plusSeconds(i))
                : () -> store.complete(id, result("late-" + i), AT.plusSeconds(i)));

        assertEquals(1, ended.stream().filter(Boolean::booleanValue).count(), "ended: " + ended);
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

        boolean accepted = apply(transition, id, at, before);

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
    private boolean apply(Transition transition, String id, Instant at, Optional<StickerRequest> before) {
        boolean exists = before.isPresent();
        int attempts = before.map(StickerRequest::attempts).orElse(0);
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
            case RECLAIM -> {
                Optional<StickerRequest> reclaimed = store.reclaim(id, attempts, at);
                reclaimed.ifPresent(request -> assertEquals(store.find(id).orElseThrow(), request,
                        "a reclaim returns the request as stored"));
                yield reclaimed.isPresent();
            }
            case WAIT -> store.markWaiting(id, at);
            case REQUEUE -> store.requeue(id, before.map(StickerRequest::requeues).orElse(0), at);
            case DISPATCH -> store.dispatch(id, attempts, new StickerRequest.Dispatch("fal", "upstream-8", at));
            case ABANDON -> store.abandon(id, attempts, FAILURE, at);
            case FAIL_OVER -> store.failOver(id, attempts, "fal");
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
            case RECLAIM -> Draft.of(r).attempts(r.attempts() + 1).startedAt(at).build();
            case WAIT -> Draft.of(r).queueSeenAt(at).build();
            case REQUEUE -> Draft.of(r).requeues(r.requeues() + 1).queueSeenAt(at).build();
            case DISPATCH -> Draft.of(r).dispatch(new StickerRequest.Dispatch("fal", "upstream-8", at)).build();
            case FAIL_OVER -> Draft.of(r).status(Status.IN_QUEUE).dispatch(null)
                    .failedBackends(append(r.failedBackends(), "fal")).build();
            case ABANDON -> state(r, Status.COMPLETED, r.attempts(), r.cancelRequested(), r.startedAt(), at, r.result(),
                    FAILURE);
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
            case RUNNING_ELSEWHERE -> Optional.of(Draft.of(state(queued, Status.IN_PROGRESS, 1, false, STARTED, null,
                    null, null)).dispatch(DISPATCH).build());
            case RUNNING_ELSEWHERE_CANCEL_REQUESTED -> Optional.of(Draft.of(state(queued, Status.IN_PROGRESS, 1, true,
                    STARTED, null, null, null)).dispatch(DISPATCH).build());
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
                List.of(LogLine.info("submitted", CREATED)), "https://example.com/hook", 0, 0, false, null, List.of(), CREATED,
                null, null, null,
                null, CREATED.plusSeconds(7 * 86400).getEpochSecond());
    }

    private static StickerRequest state(StickerRequest r, Status status, int attempts, boolean cancelRequested,
                                        Instant startedAt, Instant completedAt, StickerResult result,
                                        Failure failure) {
        return new StickerRequest(r.id(), r.modelId(), status, r.billing(), r.inputJson(), r.queueSeq(), result,
                failure, r.logs(), r.webhookUrl(), attempts, r.requeues(), cancelRequested, r.dispatch(),
                r.failedBackends(), r.createdAt(),
                r.queueSeenAt(), startedAt, completedAt,
                r.settledAt(), r.expiresAt());
    }

    private static List<String> append(List<String> list, String item) {
        List<String> longer = new ArrayList<>(list);
        longer.add(item);
        return longer;
    }

    private static StickerRequest settled(StickerRequest r, Instant at) {
        return Draft.of(r).settledAt(at).build();
    }

    /** A request to write down with a few fields changed. */
    private static final class Draft {
        private final StickerRequest r;
        private int attempts;
        private int requeues;
        private Status status;
        private StickerRequest.Dispatch dispatch;
        private List<String> failedBackends;
        private Instant queueSeenAt;
        private Instant startedAt;
        private Instant settledAt;

        private Draft(StickerRequest r) {
            this.r = r;
            this.attempts = r.attempts();
            this.requeues = r.requeues();
            this.status = r.status();
            this.dispatch = r.dispatch();
            this.failedBackends = r.failedBackends();
            this.queueSeenAt = r.queueSeenAt();
            this.startedAt = r.startedAt();
            this.settledAt = r.settledAt();
        }

        static Draft of(StickerRequest r) {
            return new Draft(r);
        }

        Draft attempts(int value) {
            attempts = value;
            return this;
        }

        Draft requeues(int value) {
            requeues = value;
            return this;
        }

        Draft status(Status value) {
            status = value;
            return this;
        }

        Draft failedBackends(List<String> value) {
            failedBackends = value;
            return this;
        }

        Draft dispatch(StickerRequest.Dispatch value) {
            dispatch = value;
            return this;
        }

        Draft queueSeenAt(Instant value) {
            queueSeenAt = value;
            return this;
        }

        Draft startedAt(Instant value) {
            startedAt = value;
            return this;
        }

        Draft settledAt(Instant value) {
            settledAt = value;
            return this;
        }

        StickerRequest build() {
            return new StickerRequest(r.id(), r.modelId(), status, r.billing(), r.inputJson(), r.queueSeq(),
                    r.result(), r.failure(), r.logs(), r.webhookUrl(), attempts, requeues, r.cancelRequested(),
                    dispatch, failedBackends, r.createdAt(), queueSeenAt, startedAt, r.completedAt(), settledAt, r.expiresAt());
        }
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
