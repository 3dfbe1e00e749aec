package dev.sticker.system.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sticker.core.input.StickerInput;
import dev.sticker.core.photo.DataUri;
import dev.sticker.core.photo.FetchResult;
import dev.sticker.core.port.GeneratedSticker;
import dev.sticker.core.remote.RemoteWorkerProtocol;
import dev.sticker.engine.RenderOutcome;
import dev.sticker.engine.Sticker;
import dev.sticker.engine.StickerEngine;
import dev.sticker.worker.BuiltinBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A remote GPU worker as the {@code http} backend sees one, on loopback: it takes the signed job POST
 * {@code {request_id, input, callback_url}}, answers 202 at once, renders with the CPU engine in the background and
 * POSTs the signed result (or the reason the photo was refused) to the callback URL. Jobs with a bad signature are
 * refused with 401, as a real worker must.
 */
public final class RemoteWorkerStandIn implements AutoCloseable {

    public static final String JOB_PATH = "/jobs";

    private static final Logger LOG = LoggerFactory.getLogger(RemoteWorkerStandIn.class);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    private final HttpServer server;
    private final ExecutorService renders;
    private final StickerEngine engine;
    private final RemoteWorkerProtocol protocol;
    private final Clock clock;
    private final HttpClient http;
    private final AtomicInteger jobsAccepted = new AtomicInteger();
    private final AtomicInteger callbacksDelivered = new AtomicInteger();

    private RemoteWorkerStandIn(HttpServer server, StickerEngine engine, RemoteWorkerProtocol protocol, Clock clock) {
        this.server = server;
        this.engine = engine;
        this.protocol = protocol;
        this.clock = clock;
        this.renders = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "remote-worker-render");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Listens on a free loopback port (0) or the given one. */
    public static RemoteWorkerStandIn start(StickerEngine engine, String callbackSecret, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            RemoteWorkerStandIn standIn = new RemoteWorkerStandIn(server, engine,
                    new RemoteWorkerProtocol(callbackSecret), Clock.systemUTC());
            server.createContext(JOB_PATH, standIn::acceptJob);
            server.start();
            LOG.info("remote worker stand-in listening on {}", standIn.jobUrl());
            return standIn;
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on loopback port " + port, e);
        }
    }

    /** Where the http backend posts jobs (STICKER_REMOTE_WORKER_URL). */
    public URI jobUrl() {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + JOB_PATH);
    }

    public int jobsAccepted() {
        return jobsAccepted.get();
    }

    /** Callbacks the API answered with 2xx. */
    public int callbacksDelivered() {
        return callbacksDelivered.get();
    }

    @Override
    public void close() {
        server.stop(0);
        renders.shutdownNow();
        try {
            renders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptJob(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 405, "{\"detail\":\"POST a job\"}");
                return;
            }
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            RemoteWorkerProtocol.Check check = protocol.verify(
                    exchange.getRequestHeaders().getFirst(RemoteWorkerProtocol.SIGNATURE_HEADER), body, clock.instant());
            if (check != RemoteWorkerProtocol.Check.VALID) {
                LOG.warn("job refused: signature {}", check);
                reply(exchange, 401, "{\"detail\":\"invalid signature\"}");
                return;
            }
            Optional<RemoteWorkerProtocol.Job> job = RemoteWorkerProtocol.job(body);
            if (job.isEmpty()) {
                reply(exchange, 400, "{\"detail\":\"request_id, a valid input and callback_url are required\"}");
                return;
            }
            jobsAccepted.incrementAndGet();
            renders.submit(() -> renderAndCallBack(job.get()));
            reply(exchange, 202, "{\"status\":\"ACCEPTED\"}");
        }
    }

    private void renderAndCallBack(RemoteWorkerProtocol.Job job) {
        String requestId = job.requestId();
        try {
            String result = resultBody(job.input());
            HttpRequest callback = HttpRequest.newBuilder(URI.create(job.callbackUrl()))
                    .timeout(HTTP_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header(RemoteWorkerProtocol.SIGNATURE_HEADER, protocol.sign(result, clock.instant()))
                    .POST(HttpRequest.BodyPublishers.ofString(result))
                    .build();
            HttpResponse<String> response = http.send(callback, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                callbacksDelivered.incrementAndGet();
            }
            LOG.info("callback delivered requestId={} status={} reply={}", requestId, response.statusCode(),
                    response.body());
        } catch (IOException | RuntimeException e) {
            LOG.error("job failed in the stand-in requestId={}", requestId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String resultBody(StickerInput input) throws IOException, InterruptedException {
        byte[] photo = photo(input.imageUrl());
        if (photo == null) {
            return RemoteWorkerProtocol.errorJson(422, "value_error.image_url", "image_url could not be downloaded");
        }
        RenderOutcome outcome = engine.render(photo, BuiltinBackend.params(input, input.seed()),
                line -> LOG.debug("render: {}", line));
        if (outcome instanceof RenderOutcome.Rejected rejected) {
            return RemoteWorkerProtocol.errorJson(422, rejected.type(), rejected.message());
        }
        Sticker sticker = ((RenderOutcome.Rendered) outcome).sticker();
        return RemoteWorkerProtocol.resultJson(new GeneratedSticker(sticker.stickerPng(),
                sticker.backgroundRemovedPng(), sticker.width(), sticker.height(), sticker.seed(),
                sticker.stickerNsfw(), sticker.backgroundRemovedNsfw()));
    }

    /** The photo bytes, or null when they cannot be had. */
    private byte[] photo(String imageUrl) throws IOException, InterruptedException {
        if (DataUri.isDataUri(imageUrl)) {
            FetchResult decoded = DataUri.decode(imageUrl, DataUri.MAX_DECODED_BYTES);
            return decoded instanceof FetchResult.Fetched fetched ? fetched.bytes() : null;
        }
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(imageUrl))
                .timeout(HTTP_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 200 ? response.body() : null;
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
