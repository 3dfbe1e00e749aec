package dev.sticker.core.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.sticker.core.input.ImageSize;
import dev.sticker.core.wire.Json;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * fal's queue as its documentation describes it: submit ({@code POST /{model}?fal_webhook=}) answers
 * {@code {request_id, gateway_request_id, status_url, response_url, cancel_url}}; {@code GET .../requests/{id}/status}
 * and {@code GET .../requests/{id}} (the result, or fal's error status and body); {@code PUT .../cancel}; a JWKS of
 * Ed25519 keys; and webhooks {@code {request_id, gateway_request_id, status, payload, error, payload_error}} signed
 * over {@code request_id \n user_id \n timestamp \n hex(sha256(body))}. The queue only moves when a test says so.
 */
public final class FalQueueStandIn extends StandIn {

    static final String MODEL_PATH = "/fal-ai/face-to-sticker";
    static final String USER_ID = "stand-in-user";

    /** One submitted request and how it ended. */
    public static final class Job {
        final String id;
        final JsonNode input;
        final String webhookUrl;
        final String authorization;
        volatile boolean completed;
        volatile int resultStatus;
        volatile String resultBody;

        Job(String id, JsonNode input, String webhookUrl, String authorization) {
            this.id = id;
            this.input = input;
            this.webhookUrl = webhookUrl;
            this.authorization = authorization;
        }

        public String id() {
            return id;
        }

        public JsonNode input() {
            return input;
        }

        public String authorization() {
            return authorization;
        }
    }

    private final String key;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> cancels = new CopyOnWriteArrayList<>();
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final CountDownLatch never = new CountDownLatch(1);
    private volatile KeyPair signingKey = generateKey();
    private volatile int submitStatus = 200;
    private volatile String submitBody = "";
    private volatile boolean hangOnSubmit;

    /** @param key the API key submits must carry ({@code Authorization: Key <key>}) */
    public FalQueueStandIn(String key) {
        this.key = key;
        start();
    }

    @Override
    protected void routes() {
        server.createContext(MODEL_PATH, this::queue);
        server.createContext("/files/", exchange -> {
            byte[] file = files.get(exchange.getRequestURI().getPath());
            send(exchange, file == null ? 404 : 200, "image/png", file == null ? new byte[0] : file);
        });
        server.createContext("/.well-known/jwks.json", exchange -> {
            jwksFetches.incrementAndGet();
            ObjectNode jwks = Json.MAPPER.createObjectNode();
            byte[] raw = rawPublicKey(signingKey);
            jwks.putArray("keys").addObject().put("kty", "OKP").put("crv", "Ed25519").put("use", "sig")
                    .put("alg", "EdDSA").put("kid", "key-" + Arrays.hashCode(raw))
                    .put("x", Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
            json(exchange, 200, jwks);
        });
    }

    private void queue(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Key " + key).equals(authorization)) {
            json(exchange, 401, "{\"detail\":\"No user found for Key ID and Secret\"}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals(MODEL_PATH) && method.equals("POST")) {
            submit(exchange, authorization);
            return;
        }
        String[] parts = path.substring((MODEL_PATH + "/requests/").length()).split("/");
        Job job = jobs.get(parts[0]);
        if (job == null) {
            json(exchange, 404, "{\"detail\":\"Request not found\"}");
        } else if (parts.length == 2 && parts[1].equals("status") && method.equals("GET")) {
            ObjectNode status = Json.MAPPER.createObjectNode().put("status", job.completed ? "COMPLETED" : "IN_QUEUE")
                    .put("response_url", requestUrl(job.id));
            if (!job.completed) {
                status.put("queue_position", 0);
            }
            json(exchange, 200, status);
        } else if (parts.length == 2 && parts[1].equals("cancel") && method.equals("PUT")) {
            cancels.add(job.id);
            json(exchange, job.completed ? 400 : 202,
                    "{\"status\":\"" + (job.completed ? "ALREADY_COMPLETED" : "CANCELLATION_REQUESTED") + "\"}");
        } else if (parts.length == 1 && method.equals("GET")) {
            json(exchange, job.completed ? job.resultStatus : 400,
                    job.completed ? job.resultBody : "{\"detail\":\"Request is still in progress\"}");
        } else {
            json(exchange, 405, "{\"detail\":\"Method Not Allowed\"}");
        }
    }

    private void submit(HttpExchange exchange, String authorization) throws IOException {
        JsonNode input = jsonBody(exchange);
        if (hangOnSubmit) {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (submitStatus != 200) {
            json(exchange, submitStatus, submitBody);
            return;
        }
        String query = exchange.getRequestURI().getRawQuery();
        String webhook = query == null || !query.startsWith("fal_webhook=") ? null
                : URLDecoder.decode(query.substring("fal_webhook=".length()), StandardCharsets.UTF_8);
        String id = UUID.randomUUID().toString();
        jobs.put(id, new Job(id, input, webhook, authorization));
        json(exchange, 200, Json.MAPPER.createObjectNode().put("request_id", id).put("gateway_request_id", id)
                .put("response_url", requestUrl(id)).put("status_url", requestUrl(id) + "/status")
                .put("cancel_url", requestUrl(id) + "/cancel").put("queue_position", 0));
    }

    private String requestUrl(String id) {
        return url() + MODEL_PATH + "/requests/" + id;
    }

    /** Submits answer this status and body from now on (200 accepts them). */
    public void answerSubmits(int status, String body) {
        submitStatus = status;
        submitBody = body;
    }

    /** Submits get no answer at all. */
    void hangOnSubmit() {
        hangOnSubmit = true;
    }

    public Job onlyJob() {
        if (jobs.size() != 1) {
            throw new AssertionError("expected one submitted job, got " + jobs.size());
        }
        return jobs.values().iterator().next();
    }

    /** Forgets every job and cancel, for the next test. */
    public void forgetJobs() {
        jobs.clear();
        cancels.clear();
    }

    public int jobCount() {
        return jobs.size();
    }

    public List<String> cancels() {
        return List.copyOf(cancels);
    }

    int jwksFetches() {
        return jwksFetches.get();
    }

    /** The job ends with both images, of the size its input asks for. */
    public void finish(Job job) {
        ImageSize size = Jobs.input(job.input.toString()).imageSize();
        String base = "/files/" + job.id;
        files.put(base + "/sticker.png", png(size.width(), size.height(), false));
        files.put(base + "/background-removed.png", png(size.width(), size.height(), true));
        ObjectNode output = Json.MAPPER.createObjectNode();
        ObjectNode sticker = image(url() + base + "/sticker.png", size);
        ObjectNode removed = image(url() + base + "/background-removed.png", size);
        output.putArray("images").add(sticker).add(removed);
        output.set("sticker_image", sticker);
        output.set("sticker_image_background_removed", removed);
        output.put("seed", job.input.path("seed").longValue());
        output.putObject("has_nsfw_concepts").put("sticker_image", false)
                .put("sticker_image_background_removed", true);
        end(job, 200, output.toString());
    }

    /** The job ends with fal's 422 on one field. */
    public void refuseInput(Job job, String field, String message, String type) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putArray("detail").addObject().put("msg", message).put("type", type).putArray("loc").add("body")
                .add(field);
        end(job, 422, body.toString());
    }

    /** The job ends with a server error on fal's side. */
    void crash(Job job) {
        end(job, 500, "{\"detail\":\"Internal Server Error\"}");
    }

    private static void end(Job job, int status, String body) {
        job.resultStatus = status;
        job.resultBody = body;
        job.completed = true;
    }

    /** The webhook for how the job ended, signed now with the published key. */
    public Delivery webhook(Job job, Instant at) {
        return webhook(job, at, signingKey.getPrivate());
    }

    Delivery webhook(Job job, Instant at, PrivateKey key) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("request_id", job.id).put("gateway_request_id", job.id);
        JsonNode result = readJson(job.resultBody);
        if (job.resultStatus == 200) {
            body.put("status", "OK").set("payload", result);
            body.putNull("error");
        } else {
            body.put("status", "ERROR").put("error", "Invalid status code: " + job.resultStatus).set("payload", result);
        }
        return signed(job, body, at, key);
    }

    /** A success webhook whose payload fal could not attach. */
    Delivery webhookWithoutPayload(Job job, Instant at) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("request_id", job.id).put("gateway_request_id", job.id)
                .put("status", "OK").putNull("payload");
        body.put("payload_error", "Response payload too large");
        return signed(job, body, at, signingKey.getPrivate());
    }

    /** fal publishes a new key and signs with it from now on. */
    void rotateKey() {
        signingKey = generateKey();
    }

    static KeyPair generateKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Delivery signed(Job job, ObjectNode body, Instant at, PrivateKey key) {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(at.getEpochSecond());
        try {
            String bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(String.join("\n", job.id, USER_ID, timestamp, bodyHash)
                    .getBytes(StandardCharsets.UTF_8));
            return new Delivery(job.webhookUrl, Map.of("X-Fal-Webhook-Request-Id", job.id,
                    "X-Fal-Webhook-User-Id", USER_ID, "X-Fal-Webhook-Timestamp", timestamp,
                    "X-Fal-Webhook-Signature", HexFormat.of().formatHex(signature.sign())), bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode image(String url, ImageSize size) {
        return Json.MAPPER.createObjectNode().put("url", url).put("content_type", "image/png")
                .put("width", size.width()).put("height", size.height());
    }

    /** The raw 32-byte Ed25519 key: the tail of its X.509 encoding. */
    private static byte[] rawPublicKey(KeyPair pair) {
        byte[] encoded = pair.getPublic().getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    private static JsonNode readJson(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        never.countDown();
        super.close();
    }
}
