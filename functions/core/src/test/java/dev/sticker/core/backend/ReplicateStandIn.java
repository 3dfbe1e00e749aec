package dev.sticker.core.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.sticker.core.wire.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replicate's predictions API as its documentation describes it: {@code POST /v1/predictions} {@code {version,
 * input, webhook, webhook_events_filter}} answers 201 with the prediction; {@code GET /v1/predictions/{id}};
 * {@code POST /v1/predictions/{id}/cancel}; the finished prediction is posted to the webhook, signed the Standard
 * Webhooks way with the account's {@code whsec_} secret. Predictions only move when a test says so.
 */
public final class ReplicateStandIn extends StandIn {

    /** One prediction: what was asked, and how it stands. */
    public static final class Prediction {
        public final String id;
        public final JsonNode request;
        public final String authorization;
        volatile String status = "starting";
        volatile JsonNode output;
        volatile String error;

        Prediction(String id, JsonNode request, String authorization) {
            this.id = id;
            this.request = request;
            this.authorization = authorization;
        }
    }

    private final String token;
    private final String secret;
    private final Map<String, Prediction> predictions = new ConcurrentHashMap<>();
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> cancels = new CopyOnWriteArrayList<>();
    private volatile int createStatus = 201;
    private volatile String createBody = "";

    public ReplicateStandIn(String token) {
        this.token = token;
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        this.secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        start();
    }

    @Override
    protected void routes() {
        server.createContext("/v1/predictions", this::predictions);
        server.createContext("/files/", exchange -> {
            byte[] file = files.get(exchange.getRequestURI().getPath());
            send(exchange, file == null ? 404 : 200, "image/png", file == null ? new byte[0] : file);
        });
    }

    /** The account's webhook signing secret, as {@code GET /v1/webhooks/default/secret} shows it. */
    public String webhookSecret() {
        return secret;
    }

    private void predictions(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (!("Bearer " + token).equals(authorization)) {
            json(exchange, 401, "{\"title\":\"Unauthenticated\",\"detail\":\"You did not pass a valid authentication "
                    + "token\",\"status\":401}");
            return;
        }
        String rest = exchange.getRequestURI().getPath().substring("/v1/predictions".length());
        String[] parts = rest.split("/");
        String method = exchange.getRequestMethod();
        if (rest.isEmpty() && method.equals("POST")) {
            create(exchange, authorization);
            return;
        }
        Prediction prediction = parts.length > 1 ? predictions.get(parts[1]) : null;
        if (prediction == null) {
            json(exchange, 404, "{\"title\":\"Not found\",\"status\":404}");
        } else if (parts.length == 2 && method.equals("GET")) {
            json(exchange, 200, view(prediction));
        } else if (parts.length == 3 && parts[2].equals("cancel") && method.equals("POST")) {
            cancels.add(prediction.id);
            prediction.status = "canceled";
            json(exchange, 200, view(prediction));
        } else {
            json(exchange, 405, "{\"title\":\"Method not allowed\",\"status\":405}");
        }
    }

    private void create(HttpExchange exchange, String authorization) throws IOException {
        JsonNode request = jsonBody(exchange);
        if (createStatus != 201) {
            json(exchange, createStatus, createBody);
            return;
        }
        Prediction prediction = new Prediction(UUID.randomUUID().toString().replace("-", ""), request, authorization);
        predictions.put(prediction.id, prediction);
        json(exchange, 201, view(prediction));
    }

    private ObjectNode view(Prediction prediction) {
        ObjectNode view = Json.MAPPER.createObjectNode().put("id", prediction.id)
                .put("version", prediction.request.path("version").asText()).put("status", prediction.status);
        view.set("input", prediction.request.path("input"));
        view.set("output", prediction.output);
        view.put("error", prediction.error);
        view.putObject("urls").put("get", url() + "/v1/predictions/" + prediction.id)
                .put("cancel", url() + "/v1/predictions/" + prediction.id + "/cancel");
        return view;
    }

    /** Creates answer this status and body from now on (201 accepts them). */
    void answerCreates(int status, String body) {
        createStatus = status;
        createBody = body;
    }

    public int predictionCount() {
        return predictions.size();
    }

    public Prediction onlyPrediction() {
        if (predictions.size() != 1) {
            throw new AssertionError("expected one prediction, got " + predictions.size());
        }
        return predictions.values().iterator().next();
    }

    /** Forgets every prediction and cancel, for the next test. */
    public void forgetPredictions() {
        predictions.clear();
        cancels.clear();
    }

    public List<String> cancels() {
        return List.copyOf(cancels);
    }

    /** The prediction succeeds: two PNGs of the requested width and height, the sticker then without background. */
    public void succeed(Prediction prediction) {
        JsonNode input = prediction.request.path("input");
        int width = input.path("width").asInt();
        int height = input.path("height").asInt();
        String base = "/files/" + prediction.id;
        files.put(base + "/sticker.png", png(width, height, false));
        files.put(base + "/background-removed.png", png(width, height, true));
        prediction.output = Json.MAPPER.createArrayNode().add(url() + base + "/sticker.png")
                .add(url() + base + "/background-removed.png");
        prediction.status = "succeeded";
    }

    void fail(Prediction prediction, String error) {
        prediction.error = error;
        prediction.status = "failed";
    }

    /** The webhook for the prediction as it stands, signed with the account's secret. */
    public Delivery webhook(Prediction prediction, String webhookId, Instant at) {
        return webhook(prediction, webhookId, at, secret);
    }

    public Delivery webhook(Prediction prediction, String webhookId, Instant at, String signingSecret) {
        byte[] body = view(prediction).toString().getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(at.getEpochSecond());
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(signingSecret.substring("whsec_".length())),
                    "HmacSHA256"));
            mac.update((webhookId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            String signature = "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
            return new Delivery(prediction.request.path("webhook").asText(), Map.of("webhook-id", webhookId,
                    "webhook-timestamp", timestamp, "webhook-signature", signature), body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
