package dev.sticker.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.input.ParsedInput;
import dev.sticker.engine.Progress;
import dev.sticker.engine.RenderOutcome;
import dev.sticker.engine.StickerEngine;
import dev.sticker.engine.StickerParams;
import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;
import dev.sticker.system.LocalAccount;
import dev.sticker.system.QueueClient;
import dev.sticker.worker.BuiltinBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded load test against the local cloud on loopback: for each client count C, C clients each submit R requests
 * one after another, polling each every 500 ms (as {@code @fal-ai/client} does) until it completes, with the local
 * cloud's workers as Lambda would run them. Reports stickers per second, submit and end-to-end p50/p99, 5xx answers
 * and requests not completed, next to the engine alone in the same run: one thread rendering serially, and as many
 * threads as cores, the most the machine can make. Both are warmed up first, unmeasured. Prints Markdown tables on
 * stdout.
 *
 * <p>Counts: system properties {@code bench.load.clients} (comma-separated, default {@code 8,16,32}),
 * {@code bench.load.requests} (per client, default 3), {@code bench.load.warmup} (requests per warm-up client, 16
 * clients, default 20), {@code bench.load.renders} (engine baseline, default 24), {@code bench.load.pollMillis}
 * (default 500), {@code bench.load.workers} (jobs the local cloud runs at once, default one per core).
 */
public final class LoadBench {

    private static final Logger LOG = LoggerFactory.getLogger(LoadBench.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often a client asks for its request's status: by default as often as fal's own client does. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(Integer.getInteger("bench.load.pollMillis", 500));
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);
    private static final long SEED = 42;
    private static final int WARM_UP_CLIENTS = 16;
    private static final int ENGINE_WARM_UP_RENDERS = 10;

    private LoadBench() {
    }

    /** One client count's run. */
    private record Run(int clients, int submitted, int completed, int serverErrors, long wallNanos, long[] submits,
                       long[] endToEnd) {

        double perSecond() {
            return completed / (wallNanos / 1e9);
        }
    }

    public static void main(String[] args) {
        int[] clientCounts = Arrays.stream(System.getProperty("bench.load.clients", "8,16,32").split(","))
                .mapToInt(count -> Integer.parseInt(count.strip())).toArray();
        int requests = Integer.getInteger("bench.load.requests", 3);
        int renders = Integer.getInteger("bench.load.renders", 24);
        int warmUpRequests = Integer.getInteger("bench.load.warmup", 20);
        Path template = RepoPaths.configured("sticker.template", "template.yaml");
        byte[] photo = read(RepoPaths.configured("bench.photo", "docs/samples/astronaut.png"));
        String body = JSON.createObjectNode()
                .put("image_url", "data:image/png;base64," + Base64.getEncoder().encodeToString(photo))
                .put("prompt", "a person").put("seed", SEED).toString();
        int cores = Runtime.getRuntime().availableProcessors();

        double serial;
        double parallel;
        try (StickerEngine engine = StickerEngine.load()) {
            StickerParams params = BuiltinBackend.params(((ParsedInput.Valid) InputSchema.parse(body)).input(), SEED);
            serial = engineRate(engine, photo, params, 1, renders / 2);
            parallel = engineRate(engine, photo, params, cores, renders);
        }
        List<Run> runs = new ArrayList<>();
        int workers = Integer.getInteger("bench.load.workers", LocalCloudOptions.defaultSqsConcurrency());
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.ephemeral(template).withSqsConcurrency(workers))) {
            QueueClient api = new QueueClient(cloud.apiUrl(), LocalAccount.ensure(cloud));
            // Warm-up, not measured: the JIT compiles the whole path (SDK, servers, functions) for half a minute or more.
            run(api, body, WARM_UP_CLIENTS, warmUpRequests);
            for (int clients : clientCounts) {
                runs.add(run(api, body, clients, requests));
            }
        }
        System.out.println(report(runs, serial, parallel, cores, requests));
    }

    /** Stickers per second the engine alone makes with this many threads, each rendering serially. */
    private static double engineRate(StickerEngine engine, byte[] photo, StickerParams params, int threads,
                                     int total) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int i = 0; i < ENGINE_WARM_UP_RENDERS; i++) {
                render(engine, photo, params);
            }
            AtomicInteger left = new AtomicInteger(total);
            long started = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> {
                    while (left.getAndDecrement() > 0) {
                        render(engine, photo, params);
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            double rate = total / ((System.nanoTime() - started) / 1e9);
            LOG.info("engine alone, {} threads: {} stickers/s", threads, rate);
            return rate;
        } catch (Exception e) {
            throw new IllegalStateException("engine baseline failed", e);
        } finally {
            pool.shutdown();
        }
    }

    private static void render(StickerEngine engine, byte[] photo, StickerParams params) {
        if (engine.render(photo, params, Progress.NONE) instanceof RenderOutcome.Rejected rejected) {
            throw new IllegalStateException("the engine refused the photo: " + rejected.message());
        }
    }

    /** C clients, R requests each, all started together; every request is followed to its end or its timeout. */
    private static Run run(QueueClient api, String body, int clients, int requests) {
        LOG.info("load: {} clients x {} requests", clients, requests);
        ConcurrentLinkedQueue<Long> submits = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> endToEnd = new ConcurrentLinkedQueue<>();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger completed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(pool.submit(() -> {
                    for (int r = 0; r < requests; r++) {
                        long begun = System.nanoTime();
                        QueueClient.Reply submitted = api.submit(body);
                        submits.add(System.nanoTime() - begun);
                        if (submitted.status() >= 500) {
                            serverErrors.incrementAndGet();
                            continue;
                        }
                        if (follow(api, submitted.expectOk("submit").text("request_id"), serverErrors)) {
                            completed.incrementAndGet();
                            endToEnd.add(System.nanoTime() - begun);
                        }
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("load run failed", e);
        } finally {
            pool.shutdown();
        }
        return new Run(clients, clients * requests, completed.get(), serverErrors.get(), System.nanoTime() - started,
                submits.stream().mapToLong(Long::longValue).toArray(),
                endToEnd.stream().mapToLong(Long::longValue).toArray());
    }

    /** Polls the request to COMPLETED and reads its result; whether it completed with a sticker in time. */
    private static boolean follow(QueueClient api, String id, AtomicInteger serverErrors) {
        long deadline = System.nanoTime() + REQUEST_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            QueueClient.Reply status = api.status(id);
            if (status.status() >= 500) {
                serverErrors.incrementAndGet();
            } else if ("COMPLETED".equals(status.text("status"))) {
                QueueClient.Reply result = api.result(id);
                if (result.status() >= 500) {
                    serverErrors.incrementAndGet();
                }
                return result.status() == 200;
            }
            QueueClient.pause(POLL_INTERVAL);
        }
        LOG.error("request {} not completed within {}", id, REQUEST_TIMEOUT);
        return false;
    }

    private static String report(List<Run> runs, double serial, double parallel, int cores, int requests) {
        MarkdownTable table = new MarkdownTable("Clients x requests", "stickers/s", "vs engine alone (" + cores
                + " threads)", "submit p50 ms", "submit p99 ms", "end-to-end p50 ms", "end-to-end p99 ms", "5xx",
                "not completed");
        for (Run run : runs) {
            LatencySummary submits = LatencySummary.of(run.submits());
            boolean any = run.endToEnd().length > 0;
            LatencySummary ends = any ? LatencySummary.of(run.endToEnd()) : null;
            table.row(run.clients() + " x " + requests, run.perSecond(),
                    MarkdownTable.ratio(run.perSecond(), parallel), submits.p50Millis(), submits.p99Millis(),
                    any ? ends.p50Millis() : "—", any ? ends.p99Millis() : "—", run.serverErrors(),
                    run.submitted() - run.completed());
        }
        return "Load\n\n" + table.render() + "\nThe engine alone, same photo and parameters: "
                + MarkdownTable.format(serial) + " stickers/s on one thread, " + MarkdownTable.format(parallel)
                + " on " + cores + " threads\n";
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
