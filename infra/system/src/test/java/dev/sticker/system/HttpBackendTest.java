package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sticker.core.remote.RemoteWorkerProtocol;
import dev.sticker.engine.StickerEngine;
import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;
import dev.sticker.system.standin.RemoteWorkerStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The http backend: the worker dispatches to a remote worker (the stand-in, rendering with the CPU engine), which
 * calls back through the Webhook λ. A cloud of its own, deployed with Backends=http.
 */
class HttpBackendTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static LocalCloud cloud;
    private static RemoteWorkerStandIn remoteWorker;
    private static QueueClient api;
    private static String secret;

    @BeforeAll
    static void startCloud() {
        int apiPort = TestClouds.freePort();
        int workerPort = TestClouds.freePort();
        cloud = LocalCloud.start(new LocalCloudOptions(TestClouds.template(), null, apiPort, true,
                Map.of("Backends", "http",
                        "RemoteWorkerUrl", "http://127.0.0.1:" + workerPort + RemoteWorkerStandIn.JOB_PATH,
                        "PublicBaseUrl", "http://127.0.0.1:" + apiPort)));
        secret = cloud.environment().get("STICKER_CALLBACK_SECRET");
        remoteWorker = RemoteWorkerStandIn.start(StickerEngine.load(), secret, workerPort);
        api = new QueueClient(cloud.apiUrl(), LocalAccount.ensure(cloud));
    }

    @AfterAll
    static void stopCloud() {
        remoteWorker.close();
        cloud.close();
    }

    @Test
    void requestIsRenderedRemotelyAndCompletedByTheSignedCallback() throws IOException {
        String id = submitSquare();

        Await.completed(api, id, TIMEOUT);

        QueueClient.Reply result = api.result(id);
        assertEquals(200, result.status(), result.json().toString());
        Stickers.assertValid(api, result.json(), 512, 512);
        assertTrue(remoteWorker.jobsAccepted() >= 1);
        assertTrue(remoteWorker.callbacksDelivered() >= 1);
    }

    @Test
    void callbackSignedWithAnotherSecretIsRefused() {
        String body = "{\"seed\":1}";
        String header = new RemoteWorkerProtocol("not-" + secret).sign(body, Instant.now());

        QueueClient.Reply reply = callback("http", UUID.randomUUID().toString(), body, header);

        assertEquals(401, reply.status(), reply.json().toString());
        assertTrue(reply.text("detail").contains("mismatch"), reply.json().toString());
    }

    @Test
    void callbackWithAStaleTimestampIsRefused() {
        String body = "{\"seed\":1}";
        String header = new RemoteWorkerProtocol(secret).sign(body, Instant.now().minus(Duration.ofHours(1)));

        QueueClient.Reply reply = callback("http", UUID.randomUUID().toString(), body, header);

        assertEquals(401, reply.status(), reply.json().toString());
        assertTrue(reply.text("detail").contains("stale"), reply.json().toString());
    }

    @Test
    void callbackWithoutASignatureIsRefused() {
        QueueClient.Reply reply = callback("http", UUID.randomUUID().toString(), "{}", null);

        assertEquals(401, reply.status(), reply.json().toString());
    }

    @Test
    void callbackForAnUnknownBackendIsNotFound() {
        String body = "{}";

        QueueClient.Reply reply = callback("replicate", UUID.randomUUID().toString(), body,
                new RemoteWorkerProtocol(secret).sign(body, Instant.now()));

        assertEquals(404, reply.status(), reply.json().toString());
    }

    @Test
    void validCallbackForACompletedRequestChangesNothing() {
        String id = submitSquare();
        Await.completed(api, id, TIMEOUT);
        JsonNode first = api.result(id).json();
        String body = "{\"error\":{\"status\":500,\"message\":\"late failure\"}}";

        QueueClient.Reply reply = callback("http", id, body, new RemoteWorkerProtocol(secret).sign(body, Instant.now()));

        assertEquals(200, reply.status(), reply.json().toString());
        assertEquals("ALREADY_COMPLETED", reply.text("status"));
        assertEquals(first, api.result(id).json());
    }

    private static QueueClient.Reply callback(String backend, String id, String body, String signature) {
        return api.post("/webhooks/" + backend + "/" + id, body,
                signature == null ? Map.of() : Map.of(RemoteWorkerProtocol.SIGNATURE_HEADER, signature));
    }

    private static String submitSquare() {
        String input = LifecycleTest.seedExample(Photos.dataUri("image/png", Photos.astronautPng()))
                .put("image_size", "square").toString();
        QueueClient.Reply submitted = api.submit(input);
        assertEquals(200, submitted.status(), submitted.json().toString());
        return submitted.text("request_id");
    }
}
