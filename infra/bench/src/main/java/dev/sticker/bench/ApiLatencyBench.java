package dev.sticker.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.account.BillingSettings;
import dev.sticker.core.account.CreditSettlement;
import dev.sticker.core.account.Pricing;
import dev.sticker.core.account.RunningSlots;
import dev.sticker.core.aws.DynamoAccountStore;
import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.aws.S3ObjectStore;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.core.config.Settings;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.input.ParsedInput;
import dev.sticker.core.port.AccountStore;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.request.Failure;
import dev.sticker.core.service.Completion;
import dev.sticker.engine.Progress;
import dev.sticker.engine.RenderOutcome;
import dev.sticker.engine.StickerEngine;
import dev.sticker.engine.StickerParams;
import dev.sticker.local.LocalClients;
import dev.sticker.local.LocalCloud;
import dev.sticker.local.function.LocalFunction;
import dev.sticker.settings.Config;
import dev.sticker.settings.Setting;
import dev.sticker.system.LocalAccount;
import dev.sticker.system.QueueClient;
import dev.sticker.worker.BuiltinBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * API latency against the local cloud, in one run:
 * <ol>
 * <li>authorizer: a keyed call over HTTP whose key API Gateway has cached (a hit) and one with a key it has not seen
 * (a miss: the authorizer runs), and the authorizer invoked in-process next to the reads and write it makes.</li>
 * <li>submit: POST /fal-ai/face-to-sticker over HTTP, and the same submit invoked in-process, next to the raw I/O
 * floor (plain SDK calls to the same servers), interleaved iteration by iteration. The worker is not polling yet,
 * so nothing competes for the CPU or the DynamoDB server; the queued jobs are purged afterwards.</li>
 * <li>complete: submit, then poll the status every 50 ms until COMPLETED, with the built-in engine at the default
 * size, next to the engine's own render of the same photo in this JVM (the baseline of that ratio).</li>
 * </ol>
 * Prints Markdown tables on stdout. Argument: {@code submit} (with the authorizer), {@code complete} or {@code all}
 * (default). Counts: system properties {@code bench.submit.warmup} (200), {@code bench.submit.iterations} (300),
 * {@code bench.complete.warmup} (3), {@code bench.complete.iterations} (20).
 */
public final class ApiLatencyBench {

    private static final Logger LOG = LoggerFactory.getLogger(ApiLatencyBench.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    private static final Duration COMPLETE_TIMEOUT = Duration.ofSeconds(60);
    private static final String PHOTO_KEY = "uploads/bench/photo";
    private static final long SEED = 42;
    /** The price held for the benchmark's default 1024 x 1024 sticker at the default unit price. */
    private static final long PRICE_MICROS = 20_972;

    private final StagedCloud staged;
    private final QueueClient caller;
    private final String submitBody;

    private ApiLatencyBench(StagedCloud staged, String submitBody) {
        this.staged = staged;
        this.caller = new QueueClient(staged.apiUrl(), LocalAccount.ensure(staged.cloud()));
        this.submitBody = submitBody;
    }

    public static void main(String[] args) {
        String part = args.length > 0 ? args[0].toLowerCase(Locale.ROOT) : "all";
        if (!part.equals("submit") && !part.equals("complete") && !part.equals("all")) {
            throw new IllegalArgumentException("argument must be submit, complete or all, got " + part);
        }
        Path template = RepoPaths.configured("sticker.template", "template.yaml");
        Path photo = RepoPaths.configured("bench.photo", "docs/samples/astronaut.png");
        System.setProperty(ProbeEvents.AUTHORIZER_PROPERTY, BenchCaller.authorizerContext());
        try (StagedCloud staged = StagedCloud.start(template)) {
            String photoUrl = storePhoto(staged.cloud(), readAll(photo));
            String body = JSON.createObjectNode().put("image_url", photoUrl).put("prompt", "a person")
                    .put("seed", SEED).toString();
            ApiLatencyBench bench = new ApiLatencyBench(staged, body);
            if (!part.equals("complete")) {
                System.out.println(bench.authorizerLatency(Integer.getInteger("bench.submit.warmup", 200) / 4,
                        Integer.getInteger("bench.submit.iterations", 300)));
                System.out.println(bench.submitLatency(Integer.getInteger("bench.submit.warmup", 200),
                        Integer.getInteger("bench.submit.iterations", 300)));
            }
            if (!part.equals("submit")) {
                System.out.println(bench.completeLatency(readAll(photo),
                        Integer.getInteger("bench.complete.warmup", 3),
                        Integer.getInteger("bench.complete.iterations", 20)));
            }
        }
    }

    /**
     * A keyed call whose key API Gateway has cached, one whose key it has not seen (the authorizer runs first), and
     * the authorizer in-process next to its floor: read the key, read its account, note the key's first use.
     */
    private String authorizerLatency(int warmup, int iterations) {
        LocalCloud cloud = staged.cloud();
        LocalFunction authorizer = cloud.function("AuthorizerFunction");
        List<String> freshKeys = new ArrayList<>();
        for (int i = 0; i < 2 * (warmup + iterations); i++) {
            freshKeys.add(caller.post("/v1/keys", "{\"alias\":\"bench-" + i + "\"}", Map.of()).expectOk("key")
                    .text("key"));
        }
        String pricing = "/v1/models/pricing?endpoint_id=" + Pricing.ENDPOINT_ID;
        try (PlainStore floor = PlainStore.fromSettings(cloud.environment()::get)) {
            long[] hit = new long[iterations];
            long[] miss = new long[iterations];
            long[] inProcess = new long[iterations];
            long[] reads = new long[iterations];
            LOG.info("authorizer: {} warm-up and {} measured iterations", warmup, iterations);
            int next = 0;
            for (int i = -warmup; i < iterations; i++) {
                String missKey = freshKeys.get(next++);
                String invokedKey = freshKeys.get(next++);
                long a = timed(() -> caller.get(pricing).expectOk("pricing"));
                long b = timed(() -> caller.withKey(missKey).get(pricing).expectOk("pricing"));
                long c = timed(() -> authorizer.invoke(ProbeEvents.authorizer("Key " + invokedKey)));
                long d = timed(() -> floor.readKeyAndAccount(invokedKey.substring(0, invokedKey.indexOf(':')),
                        LocalAccount.ID, Instant.now()));
                if (i >= 0) {
                    hit[i] = a;
                    miss[i] = b;
                    inProcess[i] = c;
                    reads[i] = d;
                }
            }
            LatencySummary cached = LatencySummary.of(hit);
            LatencySummary uncached = LatencySummary.of(miss);
            LatencySummary invoked = LatencySummary.of(inProcess);
            LatencySummary io = LatencySummary.of(reads);
            MarkdownTable table = new MarkdownTable("Path (" + iterations + " sequential, after " + warmup
                    + " warm-up)", "p50 ms", "p99 ms", "p50 / hit", "p99 / hit");
            row(table, "GET /v1/models/pricing over HTTP, key cached by API Gateway (hit)", cached, cached);
            row(table, "the same with a key not seen before (miss: the authorizer runs first)", uncached, cached);
            row(table, "AuthorizerHandler in-process, a key not seen before", invoked, cached);
            row(table, "floor: GetItem key + GetItem account + UpdateItem last use, plain SDK v2", io, cached);
            return "Authorizer\n\n" + table.render() + "\nA miss costs over a hit, p50: "
                    + MarkdownTable.format(uncached.p50Millis() - cached.p50Millis()) + " ms; the authorizer vs its "
                    + "floor, p50: " + MarkdownTable.ratio(invoked.p50Millis(), io.p50Millis()) + "\n";
        }
    }

    private String submitLatency(int warmup, int iterations) {
        LocalCloud cloud = staged.cloud();
        LocalFunction submitFunction = cloud.function("SubmitFunction");
        String queueUrl = cloud.physicalName("JobQueue");
        Completion ending = completion(cloud);
        try (PlainStore floor = PlainStore.fromSettings(cloud.environment()::get)) {
            long[] overHttp = new long[iterations];
            long[] inProcess = new long[iterations];
            long[] sameCalls = new long[iterations];
            LOG.info("submit: {} warm-up and {} measured iterations", warmup, iterations);
            for (int i = -warmup; i < iterations; i++) {
                List<String> submitted = new ArrayList<>();
                long a = timed(() -> submitted.add(caller.submit(submitBody).expectOk("submit").text("request_id")));
                long b = timed(() -> submitted.add(invokeSubmit(submitFunction)));
                // Untimed: end both, so the account holds as few open requests as a steady customer's does.
                submitted.forEach(id -> ending.fail(id, Failure.cancelled()));
                long c = timed(() -> {
                    String id = UUID.randomUUID().toString();
                    Instant now = Instant.now();
                    floor.countCall(BenchCaller.KEY_ID, now);
                    floor.create(id, submitBody, floor.reserve(PRICE_MICROS).seq(), now);
                    floor.enqueue(id);
                });
                if (i >= 0) {
                    overHttp[i] = a;
                    inProcess[i] = b;
                    sameCalls[i] = c;
                }
            }
            // Every submit queued a job; the worker must not render them when it starts.
            cloud.clients().sqs().purgeQueue(purge -> purge.queueUrl(queueUrl));

            LatencySummary http = LatencySummary.of(overHttp);
            LatencySummary direct = LatencySummary.of(inProcess);
            LatencySummary calls = LatencySummary.of(sameCalls);
            MarkdownTable table = new MarkdownTable("Path (" + iterations + " sequential, after " + warmup
                    + " warm-up)", "p50 ms", "p99 ms", "p50 / floor", "p99 / floor");
            row(table, "POST /fal-ai/face-to-sticker over HTTP (local API Gateway, cached key, SubmitHandler)", http,
                    calls);
            row(table, "SubmitHandler.handleRequest in-process (no HTTP hop)", direct, calls);
            row(table, "floor: the submit's 4 calls (UpdateItem rate window, UpdateItem hold, PutItem, SendMessage),"
                    + " plain SDK v2", calls, calls);
            return "Submit latency\n\n" + table.render() + "\nSubmit over HTTP vs its 4 calls, p50: "
                    + MarkdownTable.ratio(http.p50Millis(), calls.p50Millis()) + ", p99: "
                    + MarkdownTable.ratio(http.p99Millis(), calls.p99Millis()) + "; in-process p50: "
                    + MarkdownTable.ratio(direct.p50Millis(), calls.p50Millis()) + "\n";
        }
    }

    private String completeLatency(byte[] photo, int warmup, int iterations) {
        staged.startEventSources();
        StickerEngine engine = StickerEngine.load();
        ParsedInput parsed = InputSchema.parse(submitBody);
        if (!(parsed instanceof ParsedInput.Valid valid)) {
            throw new IllegalStateException("the benchmark input is invalid: " + parsed);
        }
        StickerParams params = BuiltinBackend.params(valid.input(), SEED);
        long[] endToEnd = new long[iterations];
        long[] worker = new long[iterations];
        long[] render = new long[iterations];
        LOG.info("complete: {} warm-up and {} measured iterations at {}x{}", warmup, iterations, params.width(),
                params.height());
        for (int i = -warmup; i < iterations; i++) {
            long started = System.nanoTime();
            double workerMillis = submitUntilCompleted();
            long a = System.nanoTime() - started;
            long b = timed(() -> {
                RenderOutcome outcome = engine.render(photo, params, Progress.NONE);
                if (outcome instanceof RenderOutcome.Rejected rejected) {
                    throw new IllegalStateException("the engine refused the photo: " + rejected.message());
                }
            });
            if (i >= 0) {
                endToEnd[i] = a;
                worker[i] = (long) (workerMillis * 1_000_000);
                render[i] = b;
            }
        }
        LatencySummary e2e = LatencySummary.of(endToEnd);
        LatencySummary inWorker = LatencySummary.of(worker);
        LatencySummary engineOnly = LatencySummary.of(render);
        MarkdownTable table = new MarkdownTable("Path (" + iterations + " sequential, after " + warmup + " warm-up, "
                + params.width() + "x" + params.height() + ")", "p50 ms", "p99 ms", "p50 / render", "p99 / render");
        row(table, "submit → poll status every 50 ms → COMPLETED (local cloud, built-in engine)", e2e, engineOnly);
        row(table, "of which in the worker: claim → COMPLETED (status metrics.inference_time, ms resolution)",
                inWorker, engineOnly);
        row(table, "StickerEngine.render in-process, same photo and parameters", engineOnly, engineOnly);
        return "Submit to COMPLETED\n\n" + table.render() + "\nQueue, storage and polling overhead at p50: "
                + MarkdownTable.format(e2e.p50Millis() - engineOnly.p50Millis()) + " ms\n";
    }

    /**
     * One request as a client sees it, answering the worker's share in milliseconds. The result is read after the
     * clock stops and checked, so that a failed render is never timed as a success.
     */
    private double submitUntilCompleted() {
        String id = caller.submit(submitBody).expectOk("submit").text("request_id");
        QueueClient.Reply status = caller.awaitCompleted(id, COMPLETE_TIMEOUT, POLL_INTERVAL, poll -> { });
        JsonNode result = caller.result(id).expectOk("result of " + id).json();
        if (!result.path("sticker_image").path("url").isTextual()) {
            throw new IllegalStateException("request " + id + " completed without a sticker: " + result);
        }
        // fal's metrics.inference_time: the worker's time from claim to completion, in seconds.
        return status.json().path("metrics").path("inference_time").asDouble(Double.NaN) * 1000;
    }

    /** Submits in-process; the request id. */
    private String invokeSubmit(LocalFunction submitFunction) {
        APIGatewayProxyResponseEvent response =
                (APIGatewayProxyResponseEvent) submitFunction.invoke(ProbeEvents.submit(submitBody));
        if (response.getStatusCode() != 200) {
            throw new IllegalStateException("SubmitHandler answered " + response.getStatusCode() + ": "
                    + response.getBody());
        }
        try {
            return JSON.readTree(response.getBody()).path("request_id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How requests end, with their holds released: the same wiring the functions have. */
    private static Completion completion(LocalCloud cloud) {
        Config config = Config.of(cloud.environment()::get);
        SdkClients clients = new SdkClients(config);
        Settings settings = Settings.from(config);
        RequestStore store = new DynamoRequestStore(clients.dynamo(), settings.table());
        AccountStore accounts = new DynamoAccountStore(clients.dynamo(), BillingSettings.from(config).accountsTable());
        Clock clock = Clock.systemUTC();
        return new Completion(store, new S3ObjectStore(clients::s3, clients::presigner, settings.bucket()),
                List.of(new CreditSettlement(store, accounts, clock), new RunningSlots(accounts)), clock);
    }

    private static void row(MarkdownTable table, String path, LatencySummary summary, LatencySummary baseline) {
        table.row(path, summary.p50Millis(), summary.p99Millis(),
                MarkdownTable.ratio(summary.p50Millis(), baseline.p50Millis()),
                MarkdownTable.ratio(summary.p99Millis(), baseline.p99Millis()));
    }

    /** The photo in the template's bucket, and a presigned GET for it on the local S3 (an allowlisted host). */
    private static String storePhoto(LocalCloud cloud, byte[] photo) {
        String bucket = cloud.physicalName("StickerBucket");
        cloud.clients().s3().putObject(put -> put.bucket(bucket).key(PHOTO_KEY), RequestBody.fromBytes(photo));
        try (S3Presigner presigner = S3Presigner.builder()
                .endpointOverride(URI.create(cloud.environment().get(Setting.ENDPOINT_S3.variable())))
                .region(Region.of(cloud.environment().get("AWS_REGION")))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LocalClients.ACCESS_KEY_ID, LocalClients.SECRET_ACCESS_KEY)))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
            return presigner.presignGetObject(get -> get.signatureDuration(Duration.ofHours(2))
                    .getObjectRequest(object -> object.bucket(bucket).key(PHOTO_KEY))).url().toString();
        }
    }

    private static long timed(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return System.nanoTime() - started;
    }

    private static byte[] readAll(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
