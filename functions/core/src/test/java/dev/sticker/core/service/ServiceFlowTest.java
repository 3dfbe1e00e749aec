package dev.sticker.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sticker.core.account.Account;
import dev.sticker.core.account.Caller;
import dev.sticker.core.account.CreditSettlement;
import dev.sticker.core.account.LedgerEntry;
import dev.sticker.core.account.Pricing;
import dev.sticker.core.account.RunningSlots;
import dev.sticker.core.account.TestAccounts;
import dev.sticker.core.account.UsageRecord;
import dev.sticker.core.aws.DynamoAccountStore;
import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.aws.JobMessage;
import dev.sticker.core.aws.LocalAws;
import dev.sticker.core.aws.S3ObjectStore;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.core.aws.SqsJobQueue;
import dev.sticker.core.backend.Backends;
import dev.sticker.core.config.Settings;
import dev.sticker.core.guard.RequestForgeryGuard;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.photo.FetchResult;
import dev.sticker.core.photo.ImageFetcher;
import dev.sticker.core.photo.ResultImages;
import dev.sticker.core.port.Backend;
import dev.sticker.core.port.BackendOutcome;
import dev.sticker.core.port.CircuitBreaker;
import dev.sticker.core.port.GeneratedSticker;
import dev.sticker.core.port.GenerationJob;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RemoteBackend;
import dev.sticker.core.port.StoredObject;
import dev.sticker.core.remote.HttpBackend;
import dev.sticker.core.remote.RemoteWorkerProtocol;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.LogLine;
import dev.sticker.core.request.Retention;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.local.LocalCloud;
import dev.sticker.settings.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The services end to end against the local cloud's real DynamoDB, S3 and SQS (a queue of this test's own, so the
 * cloud's worker does not consume the jobs), with photos served by a real HTTP server on loopback.
 */
class ServiceFlowTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ApiUrls URLS = new ApiUrls("https://api.example.com/v1");
    private static final RemoteWorkerProtocol SIGNATURE = new RemoteWorkerProtocol("flow-secret");
    private static final byte[] FACE = encode("jpeg", 96, 96, BufferedImage.TYPE_INT_RGB);

    /** Two cents per megapixel: a default 1024x1024 sticker costs 20,972 micro-dollars. */
    private static final Pricing PRICING = new Pricing(20_000);
    private static final long STICKER_PRICE = 20_972;
    private static final Duration WORKER_TIMEOUT = Duration.ofSeconds(60);

    private static DynamoRequestStore store;
    private static DynamoAccountStore accounts;
    private static S3ObjectStore objects;
    private static SdkClients clients;
    private static String queueUrl;
    private static HttpServer photos;
    private static String photoBase;
    private static final AtomicReference<String> dispatched = new AtomicReference<>();

    private static SubmitService submit;
    private static RequestQueries queries;
    private static Completion completion;
    private static PhotoSource photoSource;
    private static ImageFetcher fetcher;
    private static CircuitBreaker breaker;

    /** This test's own account, with credit for ten stickers and room to run two at once. */
    private final Caller caller = TestAccounts.open(accounts, 10 * STICKER_PRICE, 2);

    @BeforeAll
    static void start() throws IOException {
        LocalCloud.shared();
        clients = new SdkClients(Config.system());
        Settings settings = Settings.load();
        store = LocalAws.requestStore();
        accounts = LocalAws.accountStore();
        objects = new S3ObjectStore(clients::s3, clients::presigner, settings.bucket());
        queueUrl = clients.sqs().createQueue(q -> q.queueName("service-flow-" + UUID.randomUUID())).queueUrl();
        photos = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        photos.createContext("/face.jpg", exchange -> {
            exchange.sendResponseHeaders(200, FACE.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(FACE);
            }
        });
        photos.createContext("/page", exchange -> {
            byte[] html = "<html><body>not a face</body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, html.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(html);
            }
        });
        photos.createContext("/jobs", exchange -> {
            dispatched.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        photos.start();
        String hostPort = "127.0.0.1:" + photos.getAddress().getPort();
        photoBase = "http://" + hostPort;
        Clock clock = Clock.systemUTC();
        completion = new Completion(store, objects,
                List.of(new CreditSettlement(store, accounts, clock), new RunningSlots(accounts)), clock);
        submit = new SubmitService(store, objects, jobQueue(), accounts, PRICING, completion, Retention.days(1), clock);
        queries = new RequestQueries(store, new OwnRequests(store, accounts), objects, completion, jobQueue(), clock);
        breaker = LocalAws.circuitBreaker();
        fetcher = new ImageFetcher(new RequestForgeryGuard(List.of(hostPort)));
        photoSource = new PhotoSource(objects, fetcher);
    }

    @AfterAll
    static void stop() {
        photos.stop(0);
        clients.sqs().deleteQueue(q -> q.queueUrl(queueUrl));
    }

    @Test
    void submittedRequestRunsAndAnswersWithTheSeedsOutput() throws Exception {
        String id = submitted(faceInput());
        assertTrue(jobQueued(id), "the job was queued");
        ApiReply queued = queries.status(caller, id, false, URLS);
        assertEquals(202, queued.status());
        assertEquals("IN_QUEUE", json(queued).get("status").textValue());

        assertInstanceOf(JobOutcome.Completed.class, runner(new DrawingBackend()).run(id));

        JsonNode status = json(queries.status(caller, id, true, URLS));
        assertEquals("COMPLETED", status.get("status").textValue());
        assertTrue(status.get("metrics").get("inference_time").isNumber());
        List<String> messages = status.get("logs").findValuesAsText("message");
        assertTrue(messages.contains("fetching input image"), messages::toString);
        ApiReply result = queries.result(caller, id, URLS);
        assertEquals(200, result.status());
        JsonNode output = json(result);
        assertEquals(URLS.fileUrl("results/" + id + "/sticker.png"), output.get("sticker_image").get("url").textValue());
        assertEquals(64, output.get("sticker_image_background_removed").get("width").intValue());
        long seed = output.get("seed").longValue();
        assertTrue(seed >= 0 && seed < (1L << 32), "a drawn seed is reported: " + seed);
        byte[] stored = objects.get("results/" + id + "/sticker.png").orElseThrow();
        assertEquals(stored.length, output.get("sticker_image").get("file_size").longValue());
        assertInstanceOf(JobOutcome.Skipped.class, runner(new DrawingBackend()).run(id), "a duplicate is a no-op");
    }

    @Test
    void queuePositionCountsTheRequestsAheadInTheCallersAccount() throws Exception {
        String first = submitted(faceInput());
        String second = submitted(faceInput());
        ApiReply third = submit.submit(new Submission(faceInput(), null, caller), URLS);
        assertEquals(2, json(third).get("queue_position").longValue(), "two of this account's requests are ahead");

        runner(new DrawingBackend()).run(first);

        String thirdId = json(third).get("request_id").textValue();
        assertEquals(1, json(queries.status(caller, thirdId, false, URLS)).get("queue_position").longValue());
        assertEquals(0, json(queries.status(caller, second, false, URLS)).get("queue_position").longValue());
    }

    @Test
    void callersSeedIsUsedAndReported() throws Exception {
        String id = submitted("{\"image_url\":\"" + photoBase + "/face.jpg\",\"prompt\":\"a person\",\"seed\":42}");
        runner(new DrawingBackend()).run(id);
        assertEquals(42, json(queries.result(caller, id, URLS)).get("seed").longValue());
    }

    @Test
    void dataUriPhotoIsStoredAndTheJobReadsItFromTheStore() throws Exception {
        String id = submitted("{\"image_url\":\"data:image/jpeg;base64," + Base64.getEncoder().encodeToString(FACE)
                + "\",\"prompt\":\"a person\"}");
        assertArrayEquals(FACE, objects.get("inputs/" + id + "/input").orElseThrow());
        String storedUrl = InputSchema.fromStoredJson(store.find(id).orElseThrow().inputJson()).imageUrl();
        assertEquals(URLS.fileUrl("inputs/" + id + "/input"), storedUrl);
        assertInstanceOf(JobOutcome.Completed.class, runner(new DrawingBackend()).run(id));
    }

    @Test
    void invalidInputIsRefusedWithEveryProblem() throws Exception {
        ApiReply reply = submit.submit(new Submission("{\"prompt\":\"\",\"num_inference_steps\":0}",
                "ftp://hooks.example.com/", caller), URLS);
        assertEquals(422, reply.status());
        List<JsonNode> locs = json(reply).get("detail").findValues("loc");
        assertEquals(List.of("[\"body\",\"image_url\"]", "[\"body\",\"prompt\"]", "[\"body\",\"num_inference_steps\"]",
                "[\"query\",\"fal_webhook\"]"), locs.stream().map(JsonNode::toString).toList());
    }

    @Test
    void oversizedDataUriIs413() {
        String uri = "data:image/png;base64," + "A".repeat(6_000_004);
        ApiReply reply = submit.submit(new Submission("{\"image_url\":\"" + uri + "\",\"prompt\":\"a person\"}",
                null, caller), URLS);
        assertEquals(413, reply.status());
    }

    @Test
    void photoThatIsNotAnImageEndsWithA422OnImageUrl() throws Exception {
        String id = submitted("{\"image_url\":\"" + photoBase + "/page\",\"prompt\":\"a person\"}");
        assertInstanceOf(JobOutcome.Failed.class, runner(new DrawingBackend()).run(id));
        ApiReply result = queries.result(caller, id, URLS);
        assertEquals(422, result.status());
        JsonNode detail = json(result).get("detail").get(0);
        assertEquals("[\"body\",\"image_url\"]", detail.get("loc").toString());
        assertEquals("image_url is not an image (got text/html bytes)", detail.get("msg").textValue());
    }

    @Test
    void cancelledQueuedRequestIsSkippedAndAnswersCancelled() throws Exception {
        String id = submitted(faceInput());
        assertEquals(202, queries.cancel(caller, id).status());
        assertEquals(200, queries.status(caller, id, false, URLS).status());
        ApiReply result = queries.result(caller, id, URLS);
        assertEquals(400, result.status());
        assertEquals("Request cancelled", json(result).get("detail").textValue());
        assertInstanceOf(JobOutcome.Skipped.class, runner(new DrawingBackend()).run(id));
        ApiReply again = queries.cancel(caller, id);
        assertEquals(400, again.status());
        assertEquals("ALREADY_COMPLETED", json(again).get("status").textValue());
    }

    @Test
    void unknownRequestIs404Everywhere() {
        String id = UUID.randomUUID().toString();
        assertEquals(404, queries.status(caller, id, false, URLS).status());
        assertEquals(404, queries.result(caller, id, URLS).status());
        assertEquals(404, queries.cancel(caller, id).status());
    }

    @Test
    void deadLetteredJobEndsTheRequestOnce() throws Exception {
        String id = submitted(faceInput());
        DeadLetterService deadLetters = new DeadLetterService(store, completion);
        assertTrue(deadLetters.handle(id, 3));
        assertFalse(deadLetters.handle(id, 3));
        ApiReply result = queries.result(caller, id, URLS);
        assertEquals(500, result.status());
        assertEquals("generation failed after 3 attempts", json(result).get("detail").textValue());
    }

    @Test
    void remoteWorkerCallbackCompletesThroughTheSamePath() throws Exception {
        String id = submitted("{\"image_url\":\"" + photoBase + "/face.jpg\",\"prompt\":\"a person\",\"seed\":7}");
        HttpBackend http = new HttpBackend(URI.create(photoBase + "/jobs"), URLS, SIGNATURE,
                HttpClient.newHttpClient(), Clock.systemUTC());
        assertInstanceOf(JobOutcome.Dispatched.class, runner(http).run(id));
        assertEquals(id, JSON.readTree(dispatched.get()).get("request_id").textValue());
        assertEquals(Status.IN_PROGRESS, store.find(id).orElseThrow().status());

        String png = Base64.getEncoder().encodeToString(encode("png", 80, 60, BufferedImage.TYPE_INT_ARGB));
        String body = "{\"images\":{\"sticker_image\":{\"data\":\"" + png + "\"},"
                + "\"sticker_image_background_removed\":{\"data\":\"" + png + "\"}},\"seed\":7,"
                + "\"has_nsfw_concepts\":{\"sticker_image\":false,\"sticker_image_background_removed\":true}}";
        RemoteJobs callbacks = remoteJobs(backends(http));
        String forged = new RemoteWorkerProtocol("other-secret").sign(body, Instant.now());
        assertEquals(401, callback(callbacks, id, body, forged).status());

        String signed = SIGNATURE.sign(body, Instant.now());
        ApiReply accepted = callback(callbacks, id, body, signed);
        assertEquals(200, accepted.status());
        assertEquals("RECEIVED", json(accepted).get("status").textValue());
        assertEquals(Status.COMPLETED, store.find(id).orElseThrow().status());
        JsonNode output = json(queries.result(caller, id, URLS));
        assertEquals(80, output.get("sticker_image").get("width").intValue());
        assertEquals(60, output.get("sticker_image").get("height").intValue());
        assertTrue(output.get("has_nsfw_concepts").get("sticker_image_background_removed").booleanValue());
        assertEquals("ALREADY_COMPLETED", json(callback(callbacks, id, body, signed)).get("status").textValue());
    }

    @Test
    void fileRouteRedirectsOnlyForServedKeys() {
        ApiReply redirect = queries.file("uploads/" + UUID.randomUUID() + "/sticker.png");
        assertEquals(302, redirect.status());
        assertTrue(redirect.headers().get("Location").contains("sticker.png"));
        assertEquals(404, queries.file("secrets/../results/x").status());
        assertEquals(404, queries.file("results/" + UUID.randomUUID() + "/sticker.png").status(),
                "the files of a request that does not exist (or expired) are not served");
    }

    @Test
    void resultIsChargedItsHeldPriceOnceWithAUsageRecord() throws Exception {
        String id = submitted(faceInput());
        assertEquals(STICKER_PRICE, account().reservedMicros(), "the price is held at submit");

        runner(new DrawingBackend()).run(id);
        runner(new DrawingBackend()).run(id);

        Account after = account();
        assertEquals(9 * STICKER_PRICE, after.balanceMicros());
        assertEquals(0, after.reservedMicros());
        List<UsageRecord> usage = accounts.usage(Optional.of(caller.accountId()), Instant.EPOCH,
                Instant.now().plusSeconds(1));
        assertEquals(1, usage.size());
        assertEquals(id, usage.get(0).requestId());
        assertEquals(caller.keyId(), usage.get(0).keyId());
        assertEquals(new BigDecimal("1.048576"), usage.get(0).quantity());
        assertEquals("drawing", usage.get(0).backend());
        assertEquals(after.balanceMicros(), accounts.ledger(caller.accountId()).stream()
                .mapToLong(LedgerEntry::amountMicros).sum(), "the balance is the ledger's sum");
    }

    @Test
    void photoWithoutAFaceCostsNothing() throws Exception {
        String id = submitted("{\"image_url\":\"" + photoBase + "/page\",\"prompt\":\"a person\"}");

        runner(new DrawingBackend()).run(id);

        assertUncharged();
    }

    @Test
    void cancelledRequestCostsNothing() throws Exception {
        String id = submitted(faceInput());

        queries.cancel(caller, id);
        runner(new DrawingBackend()).run(id);

        assertUncharged();
    }

    @Test
    void deadLetteredRequestCostsNothingEvenWhenReplayed() throws Exception {
        String id = submitted(faceInput());
        DeadLetterService deadLetters = new DeadLetterService(store, completion);

        deadLetters.handle(id, 3);
        deadLetters.handle(id, 3);
        runner(new DrawingBackend()).run(id);

        assertUncharged();
    }

    @Test
    void submitBeyondTheCreditIsRefusedInFalsWordsAndNothingIsStored() throws Exception {
        Caller broke = TestAccounts.open(accounts, STICKER_PRICE - 1, 2);

        ApiReply reply = submit.submit(new Submission(faceInput(), null, broke), URLS);

        assertEquals(403, reply.status());
        assertEquals("User is locked. Reason: Exhausted balance. Top up your balance to continue.",
                json(reply).get("detail").textValue());
        Account after = accounts.find(broke.accountId()).orElseThrow();
        assertEquals(0, after.submitted(), "no request was numbered");
        assertEquals(0, after.reservedMicros(), "nothing was held");
    }

    @Test
    void parallelSubmitsAcceptExactlyAsManyAsTheCreditPaysFor() throws Exception {
        Caller three = TestAccounts.open(accounts, 3 * STICKER_PRICE, 2);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ApiReply>> replies = IntStream.range(0, 8)
                    .mapToObj(i -> pool.submit(() -> submit.submit(new Submission(faceInput(), null, three), URLS)))
                    .toList();
            List<Integer> statuses = replies.stream().map(LocalAws::await).map(ApiReply::status).sorted().toList();

            assertEquals(List.of(200, 200, 200, 403, 403, 403, 403, 403), statuses);
            assertEquals(3 * STICKER_PRICE, accounts.find(three.accountId()).orElseThrow().reservedMicros());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void anotherAccountsRequestIsAnsweredAsUnknown() throws Exception {
        String id = submitted(faceInput());
        Caller stranger = TestAccounts.open(accounts, STICKER_PRICE, 2);

        assertEquals(404, queries.status(stranger, id, false, URLS).status());
        assertEquals(404, queries.result(stranger, id, URLS).status());
        assertEquals(404, queries.cancel(stranger, id).status());
        assertEquals(json(queries.status(stranger, UUID.randomUUID().toString(), false, URLS)),
                json(queries.status(stranger, id, false, URLS)), "existence does not leak");
        assertFalse(store.find(id).orElseThrow().cancelRequested(), "the stranger's cancel did nothing");
    }

    @Test
    void requestBeyondTheConcurrencyLimitWaitsInTheQueueUntilASlotFrees() throws Exception {
        Caller single = TestAccounts.open(accounts, 10 * STICKER_PRICE, 1);
        accounts.acquireSlot(single.accountId(), "running-elsewhere", Instant.now());
        String id = json(submit.submit(new Submission(faceInput(), null, single), URLS)).get("request_id").textValue();
        String retries = clients.sqs().createQueue(q -> q.queueName("deferred-" + UUID.randomUUID())).queueUrl();
        Backends drawing = backends(new DrawingBackend());
        JobRunner runner = new JobRunner(store, accounts, new SqsJobQueue(clients::sqs, retries), drawing,
                remoteJobs(drawing), photoSource, new ResultImages(fetcher), completion, WORKER_TIMEOUT,
                Clock.systemUTC());

        assertInstanceOf(JobOutcome.Deferred.class, runner.run(id));
        assertEquals(Status.IN_QUEUE, store.find(id).orElseThrow().status());
        List<Message> later = clients.sqs().receiveMessage(r -> r.queueUrl(retries).waitTimeSeconds(5)).messages();
        assertEquals(List.of(Optional.of(id)), later.stream().map(m -> JobMessage.requestId(m.body())).toList(),
                "the job comes back later");

        accounts.releaseSlot(single.accountId(), "running-elsewhere");
        assertInstanceOf(JobOutcome.Completed.class, runner.run(id));
        clients.sqs().deleteQueue(q -> q.queueUrl(retries));
    }

    @Test
    void aJobWhoseWorkerStoppedIsTakenOverOnceAndChargedOnce() throws Exception {
        String id = submitted(faceInput());
        // A worker claimed it two minutes ago, past its timeout, and never came back.
        store.claim(id, Instant.now().minus(Duration.ofMinutes(2)));

        assertInstanceOf(JobOutcome.Completed.class, runner(new DrawingBackend()).run(id));
        assertInstanceOf(JobOutcome.Skipped.class, runner(new DrawingBackend()).run(id));

        assertEquals(2, store.find(id).orElseThrow().attempts());
        assertEquals(9 * STICKER_PRICE, account().balanceMicros());
    }

    @Test
    void aJobStillWithinItsWorkersTimeIsLeftToThatWorker() throws Exception {
        String id = submitted(faceInput());
        store.claim(id, Instant.now());

        assertInstanceOf(JobOutcome.Busy.class, runner(new DrawingBackend()).run(id));
        assertEquals(1, store.find(id).orElseThrow().attempts());
    }

    @Test
    void aJobHandedToAProviderElsewhereIsRecordedAndFollowedNotRunAgain() throws Exception {
        String id = submitted(faceInput());
        ScriptedProvider elsewhere = new ScriptedProvider();

        assertInstanceOf(JobOutcome.Dispatched.class, runner(elsewhere).run(id));

        StickerRequest dispatched = store.find(id).orElseThrow();
        assertEquals("scripted", dispatched.dispatch().backend());
        assertEquals("job-" + id, dispatched.dispatch().upstreamId());
        elsewhere.outcome = new BackendOutcome.Pending("job-" + id);
        assertInstanceOf(JobOutcome.Skipped.class, runner(elsewhere).run(id), "the job came back: a check");
        assertEquals(1, elsewhere.generated, "checked, not generated again");
        assertEquals(Status.IN_PROGRESS, store.find(id).orElseThrow().status());
    }

    @Test
    void aProvidersFailureMovesTheRequestToTheNextBackend() throws Exception {
        String id = submitted(faceInput());

        assertInstanceOf(JobOutcome.Completed.class, runner(failing("flaky", BackendOutcome.Fault.PROVIDER),
                new DrawingBackend()).run(id));

        StickerRequest done = store.find(id).orElseThrow();
        assertEquals("drawing", done.result().backend(), "the usage record names the backend that served it");
        List<String> messages = done.logs().stream().map(LogLine::message).toList();
        assertTrue(messages.contains("the flaky backend failed: upstream answered 503; trying the drawing backend"),
                messages::toString);
        assertEquals(9 * STICKER_PRICE, account().balanceMicros());
    }

    @Test
    void theCallersOwnErrorDoesNotFailOver() throws Exception {
        String id = submitted(faceInput());
        DrawingBackend untouched = new DrawingBackend();

        assertInstanceOf(JobOutcome.Failed.class, runner(failing("picky", BackendOutcome.Fault.CALLER), untouched)
                .run(id));

        assertEquals(422, store.find(id).orElseThrow().failure().httpStatus());
        assertEquals(0, untouched.calls, "the next backend was not asked");
        assertUncharged();
    }

    @Test
    void whenEveryBackendFailsTheRequestEndsWithAnErrorAndCostsNothing() throws Exception {
        String id = submitted(faceInput());

        assertInstanceOf(JobOutcome.Failed.class, runner(failing("down-1", BackendOutcome.Fault.PROVIDER),
                failing("down-2", BackendOutcome.Fault.PROVIDER)).run(id));

        assertEquals(Status.COMPLETED, store.find(id).orElseThrow().status());
        assertUncharged();
    }

    @Test
    void aProviderElsewhereFailingLaterHandsTheRequestToTheNextBackend() throws Exception {
        String id = submitted(faceInput());
        ScriptedProvider provider = new ScriptedProvider();
        runner(provider, new DrawingBackend()).run(id);
        RemoteJobs follow = remoteJobs(backends(provider, new DrawingBackend()));

        provider.outcome = BackendOutcome.Failed.providers(Failure.internal("GPU lost"));
        assertInstanceOf(JobOutcome.Skipped.class, follow.check(store.find(id).orElseThrow()));

        StickerRequest waiting = store.find(id).orElseThrow();
        assertEquals(Status.IN_QUEUE, waiting.status());
        assertEquals(List.of("scripted"), waiting.failedBackends());
        assertTrue(jobQueued(id), "its job is back on the queue");
        assertInstanceOf(JobOutcome.Completed.class, runner(provider, new DrawingBackend()).run(id));
        assertEquals("drawing", store.find(id).orElseThrow().result().backend(), "the failed backend is not retried");
        assertEquals(1, provider.generated);
    }

    @Test
    void aLateCallbackFromTheBackendThatWasFailedOverIsDropped() throws Exception {
        String id = submitted(faceInput());
        HttpBackend http = new HttpBackend(URI.create(photoBase + "/jobs"), URLS, SIGNATURE,
                HttpClient.newHttpClient(), Clock.systemUTC());
        runner(http, new DrawingBackend()).run(id);
        RemoteJobs callbacks = remoteJobs(backends(http, new DrawingBackend()));
        new FailOver(store, jobQueue(), breaker, Clock.systemUTC()).failOver(store.find(id).orElseThrow(),
                HttpBackend.NAME, Failure.internal("no answer in time"));
        runner(http, new DrawingBackend()).run(id);

        String body = "{\"error\":{\"status\":500,\"message\":\"late\"}}";
        ApiReply late = callback(callbacks, id, body, SIGNATURE.sign(body, Instant.now()));

        assertEquals("ALREADY_COMPLETED", json(late).get("status").textValue());
        assertEquals("drawing", store.find(id).orElseThrow().result().backend());
    }

    @Test
    void aBackendThatKeepsFailingIsSkippedUntilItsCoolDownPasses() throws Exception {
        Backend unstable = failing("unstable-" + UUID.randomUUID(), BackendOutcome.Fault.PROVIDER);
        for (int i = 0; i < 5; i++) {
            runner(unstable, new DrawingBackend()).run(submitted(faceInput()));
        }
        assertFalse(breaker.allows(unstable.name(), Instant.now()));
        DrawingBackend next = new DrawingBackend();
        String id = submitted(faceInput());

        runner(unstable, next).run(id);

        assertFalse(store.find(id).orElseThrow().logs().stream().anyMatch(line -> line.message()
                .startsWith("the " + unstable.name())), "the open circuit skipped it");
        assertEquals(1, next.calls);
    }

    @Test
    void aResultUploadStorageRefusesLeavesTheJobToBeRetriedNotStuck() throws Exception {
        String id = submitted(faceInput());
        ObjectStore refusing = new RefusingResults(objects);
        Backends drawing = backends(new DrawingBackend());
        Completion storingNothing = new Completion(store, refusing,
                List.of(new CreditSettlement(store, accounts, Clock.systemUTC()), new RunningSlots(accounts)),
                Clock.systemUTC());
        JobRunner failingWorker = new JobRunner(store, accounts, jobQueue(), drawing, remoteJobs(drawing), photoSource,
                new ResultImages(fetcher), storingNothing, Duration.ZERO, Clock.systemUTC());

        assertThrows(IllegalStateException.class, () -> failingWorker.run(id), "the job fails, so SQS retries it");
        assertEquals(Status.IN_PROGRESS, store.find(id).orElseThrow().status());

        JobRunner nextWorker = new JobRunner(store, accounts, jobQueue(), drawing, remoteJobs(drawing), photoSource,
                new ResultImages(fetcher), completion, Duration.ZERO, Clock.systemUTC());
        assertInstanceOf(JobOutcome.Completed.class, nextWorker.run(id), "the retried job takes the request over");
        assertEquals(2, store.find(id).orElseThrow().attempts());
        assertEquals(9 * STICKER_PRICE, account().balanceMicros());
    }

    /** Our storage with S3 refusing every result upload, as an outage or a missing permission would. */
    private static final class RefusingResults implements ObjectStore {
        private final ObjectStore store;

        RefusingResults(ObjectStore store) {
            this.store = store;
        }

        @Override
        public void put(String key, byte[] bytes, String contentType) {
            if (key.startsWith("results/")) {
                throw new IllegalStateException("S3 answered 503 Slow Down for " + key);
            }
            store.put(key, bytes, contentType);
        }

        @Override
        public Optional<byte[]> get(String key) {
            return store.get(key);
        }

        @Override
        public Optional<StoredObject> read(String key) {
            return store.read(key);
        }

        @Override
        public Optional<Long> size(String key) {
            return store.size(key);
        }

        @Override
        public URI presignGet(String key, Duration lifetime) {
            return store.presignGet(key, lifetime);
        }

        @Override
        public URI presignPut(String key, String contentType, Duration lifetime) {
            return store.presignPut(key, contentType, lifetime);
        }
    }

    private static Backend failing(String name, BackendOutcome.Fault fault) {
        return new Backend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public BackendOutcome generate(GenerationJob job) {
                return fault == BackendOutcome.Fault.CALLER
                        ? BackendOutcome.Failed.callers(Failure.invalidInput("image_url", "value_error.no_face",
                        "Could not find a face in the image."))
                        : BackendOutcome.Failed.providers(Failure.internal("upstream answered 503"));
            }
        };
    }

    /** A provider elsewhere whose jobs come to whatever the test says, when polled. */
    private static final class ScriptedProvider implements RemoteBackend {
        private BackendOutcome outcome;
        private int generated;

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public BackendOutcome generate(GenerationJob job) {
            generated++;
            return new BackendOutcome.Pending("job-" + job.requestId());
        }

        @Override
        public CallbackReading readCallback(String requestId, Map<String, String> headers, byte[] body, Instant now) {
            return new CallbackReading.Refused(401, "no callbacks here");
        }

        @Override
        public BackendOutcome poll(String upstreamId) {
            return outcome;
        }

        @Override
        public void cancel(String upstreamId) {
        }
    }

    private Account account() {
        return accounts.find(caller.accountId()).orElseThrow();
    }

    private void assertUncharged() {
        Account after = account();
        assertEquals(10 * STICKER_PRICE, after.balanceMicros());
        assertEquals(10 * STICKER_PRICE, after.availableMicros());
        assertTrue(accounts.usage(Optional.of(caller.accountId()), Instant.EPOCH, Instant.now().plusSeconds(1))
                .isEmpty());
        List<LedgerEntry> releases = accounts.ledger(caller.accountId()).stream()
                .filter(line -> line.kind() == LedgerEntry.Kind.RELEASE).toList();
        assertEquals(1, releases.size());
        assertEquals(STICKER_PRICE, releases.get(0).releasedMicros());
    }

    private JobRunner runner(Backend... tried) {
        Backends backends = backends(tried);
        return new JobRunner(store, accounts, jobQueue(), backends, remoteJobs(backends), photoSource,
                new ResultImages(fetcher), completion, WORKER_TIMEOUT, Clock.systemUTC());
    }

    private static Backends backends(Backend... ordered) {
        return new Backends(List.of(ordered), breaker);
    }

    private RemoteJobs remoteJobs(Backends backends) {
        return new RemoteJobs(store, backends, jobQueue(), new ResultImages(fetcher), completion,
                new FailOver(store, jobQueue(), breaker, Clock.systemUTC()), Duration.ofMinutes(15), Clock.systemUTC());
    }

    private static ApiReply callback(RemoteJobs callbacks, String id, String body, String signature) {
        return callbacks.callback(HttpBackend.NAME, id, Map.of(RemoteWorkerProtocol.SIGNATURE_HEADER, signature),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String faceInput() {
        return "{\"image_url\":\"" + photoBase + "/face.jpg\",\"prompt\":\"a person\"}";
    }

    private static SqsJobQueue jobQueue() {
        return new SqsJobQueue(clients::sqs, queueUrl);
    }

    private String submitted(String body) throws IOException {
        ApiReply reply = submit.submit(new Submission(body, null, caller), URLS);
        assertEquals(200, reply.status(), reply.body());
        return JSON.readTree(reply.body()).get("request_id").textValue();
    }

    /** Whether the request's job is on the queue; takes the jobs it reads off it, so later reads see newer ones. */
    private static boolean jobQueued(String id) {
        for (int round = 0; round < 10; round++) {
            List<Message> messages = clients.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();
            messages.forEach(m -> clients.sqs().deleteMessage(d -> d.queueUrl(queueUrl)
                    .receiptHandle(m.receiptHandle())));
            if (messages.stream().anyMatch(m -> JobMessage.requestId(m.body()).orElse("").equals(id))) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode json(ApiReply reply) throws IOException {
        return JSON.readTree(reply.body());
    }

    private static byte[] encode(String format, int width, int height, int type) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(width, height, type), format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A backend that really loads the photo and really encodes two PNGs, standing in for the engine. */
    private static final class DrawingBackend implements Backend {
        private int calls;

        @Override
        public String name() {
            return "drawing";
        }

        @Override
        public BackendOutcome generate(GenerationJob job) {
            calls++;
            FetchResult photo = job.photo().load();
            if (photo instanceof FetchResult.Refused refused) {
                return BackendOutcome.Failed.callers(refused.failure());
            }
            byte[] sticker = encode("png", 64, 64, BufferedImage.TYPE_INT_ARGB);
            return new BackendOutcome.Done(new GeneratedSticker(sticker, sticker, 64, 64, job.seed(), false, false));
        }
    }
}
