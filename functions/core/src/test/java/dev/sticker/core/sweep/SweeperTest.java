package dev.sticker.core.sweep;

import dev.sticker.core.account.Caller;
import dev.sticker.core.account.CreditSettlement;
import dev.sticker.core.account.RunningSlots;
import dev.sticker.core.account.TestAccounts;
import dev.sticker.core.aws.DynamoAccountStore;
import dev.sticker.core.aws.DynamoCircuitBreaker;
import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.aws.JobMessage;
import dev.sticker.core.aws.LocalAws;
import dev.sticker.core.aws.S3ObjectStore;
import dev.sticker.core.aws.SqsJobQueue;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.Retention;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.FailOver;
import dev.sticker.core.service.Submission;
import dev.sticker.core.service.SubmitOutcome;
import dev.sticker.core.service.SubmitService;
import dev.sticker.core.wire.ApiUrls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The sweeper against the local cloud's real DynamoDB (its sparse index included) and a job queue of its own. */
class SweeperTest {

    private static final ApiUrls URLS = new ApiUrls("https://api.example.com/v1");
    private static final String INPUT = "{\"image_url\":\"https://example.com/a.png\",\"prompt\":\"a person\"}";
    private static final SweepSettings SETTINGS = new SweepSettings(Duration.ofSeconds(60), Duration.ofSeconds(120), 2,
            Duration.ofSeconds(900));
    private static final long PRICE = 20_972;

    private final DynamoRequestStore store = LocalAws.requestStore();
    private final DynamoAccountStore accounts = LocalAws.accountStore();
    private final S3ObjectStore objects = LocalAws.objectStore();
    private final SqsClient sqs = LocalAws.clients().sqs();
    private final Caller caller = TestAccounts.open(accounts, 10 * PRICE, 2);
    private String queueUrl;
    private Completion completion;
    private Sweeper sweeper;
    private DynamoCircuitBreaker breaker;

    @BeforeEach
    void setUp() {
        queueUrl = sqs.createQueue(q -> q.queueName("sweeper-" + UUID.randomUUID())).queueUrl();
        Clock clock = Clock.systemUTC();
        completion = new Completion(store, objects,
                List.of(new CreditSettlement(store, accounts, clock), new RunningSlots(accounts)), clock);
        SqsJobQueue queue = new SqsJobQueue(() -> sqs, queueUrl);
        breaker = LocalAws.circuitBreaker();
        sweeper = new Sweeper(store, queue, completion, new FailOver(store, queue, breaker, clock), SETTINGS, clock);
    }

    @AfterEach
    void deleteQueue() {
        sqs.deleteQueue(q -> q.queueUrl(queueUrl));
    }

    @Test
    void aRequestWaitingWithinItsPatienceIsLeftAlone() {
        String id = submitted(Duration.ofSeconds(30));

        sweeper.sweep();

        assertEquals(0, store.find(id).orElseThrow().requeues());
        assertEquals(0, jobsFor(id));
    }

    @Test
    void aRequestWhoseJobWasLostIsQueuedAgainOnceAndThenLeftToItsJob() {
        String id = submitted(Duration.ofMinutes(5));

        sweeper.sweep();
        sweeper.sweep();

        StickerRequest after = store.find(id).orElseThrow();
        assertEquals(1, after.requeues(), "the second sweep sees the job queued a moment ago");
        assertNotNull(after.queueSeenAt());
        assertEquals(Status.IN_QUEUE, after.status());
        assertEquals(1, jobsFor(id));
    }

    @Test
    void aRequestWhoseJobKeepsGettingLostEndsWithAnErrorAndCostsNothing() {
        String id = submitted(Duration.ofMinutes(5));
        store.requeue(id, 0, Instant.now().minus(Duration.ofMinutes(4)));
        store.requeue(id, 1, Instant.now().minus(Duration.ofMinutes(3)));

        sweeper.sweep();

        StickerRequest ended = store.find(id).orElseThrow();
        assertEquals(Status.COMPLETED, ended.status());
        assertEquals(500, ended.failure().httpStatus());
        assertNotNull(ended.settledAt(), "the held price was released");
        assertEquals(10 * PRICE, accounts.find(caller.accountId()).orElseThrow().availableMicros());
        assertEquals(0, jobsFor(id));
    }

    @Test
    void aRequestRunningPastTheWorkersTimeoutHasItsJobQueuedForAWorkerToTakeOver() {
        String id = submitted(Duration.ofMinutes(5));
        store.claim(id, Instant.now().minus(Duration.ofMinutes(2)));

        sweeper.sweep();

        assertEquals(1, jobsFor(id));
        assertEquals(Status.IN_PROGRESS, store.find(id).orElseThrow().status());
    }

    @Test
    void aRunningRequestWithinTheWorkersTimeoutIsLeftToItsWorker() {
        String id = submitted(Duration.ofMinutes(5));
        store.claim(id, Instant.now().minusSeconds(20));

        sweeper.sweep();

        assertEquals(0, jobsFor(id));
        assertEquals(0, store.find(id).orElseThrow().requeues());
    }

    @Test
    void aProviderSilentPastItsTimeoutHandsTheRequestToTheNextBackendAndOneWithinItIsWaitedFor() {
        String silent = submitted(Duration.ofMinutes(30));
        String working = submitted(Duration.ofMinutes(30));
        for (String id : List.of(silent, working)) {
            store.claim(id, Instant.now().minus(Duration.ofMinutes(20)));
        }
        Instant now = Instant.now();
        store.dispatch(silent, 1, new StickerRequest.Dispatch("fal", "job-1", now.minus(Duration.ofMinutes(20))));
        store.dispatch(working, 1, new StickerRequest.Dispatch("fal", "job-2", now.minus(Duration.ofMinutes(5))));

        sweeper.sweep();

        StickerRequest failedOver = store.find(silent).orElseThrow();
        assertEquals(Status.IN_QUEUE, failedOver.status());
        assertEquals(List.of("fal"), failedOver.failedBackends());
        assertEquals(null, failedOver.dispatch());
        assertEquals(1, jobsFor(silent), "its job goes back on the queue for the next backend");
        assertEquals(Status.IN_PROGRESS, store.find(working).orElseThrow().status());
        assertEquals(0, jobsFor(working), "a job handed elsewhere is not queued again");
    }

    @Test
    void aCancelThatStoppedHalfWayIsFinished() {
        String id = submitted(Duration.ofMinutes(5));
        store.requestCancel(id, Instant.now().minus(Duration.ofMinutes(4)));

        sweeper.sweep();

        StickerRequest ended = store.find(id).orElseThrow();
        assertEquals(Failure.cancelled(), ended.failure());
    }

    @Test
    void theRuleReadsOnlyTheRequest() {
        Instant now = Instant.parse("2026-05-01T12:00:00Z");
        StickerRequest queued = store.find(submitted(Duration.ZERO)).orElseThrow();
        StickerRequest old = new StickerRequest(queued.id(), queued.modelId(), queued.status(), queued.billing(),
                queued.inputJson(), queued.queueSeq(), null, null, List.of(), null, 0, 2, false, null, List.of(),
                now.minusSeconds(600), now.minusSeconds(121), null, null, null, queued.expiresAt());

        assertInstanceOf(Sweeper.Action.End.class, sweeper.actionFor(old, now), "two requeues is the most");
        assertInstanceOf(Sweeper.Action.Leave.class, sweeper.actionFor(old, now.minusSeconds(2)));
    }

    /** A request submitted {@code ago}, holding its price, whose job went to no queue. */
    private String submitted(Duration ago) {
        Clock then = Clock.fixed(Instant.now().minus(ago), ZoneOffset.UTC);
        SubmitService submit = new SubmitService(store, objects, (id, delay) -> { }, accounts, TestAccounts.PRICING,
                completion, Retention.days(1), then);
        SubmitOutcome outcome = submit.accept(new Submission(INPUT, null, caller), URLS);
        return ((SubmitOutcome.Accepted) outcome).request().id();
    }

    /**
     * How many jobs for the request the sweep queued. Every open request of the shared table is swept, other tests'
     * included, so the queue is drained and only this request's jobs are counted.
     */
    private long jobsFor(String id) {
        long count = 0;
        List<String> batch;
        do {
            batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages().stream().map(m -> JobMessage.requestId(m.body())).flatMap(Optional::stream).toList();
            count += batch.stream().filter(id::equals).count();
        } while (!batch.isEmpty());
        return count;
    }
}
