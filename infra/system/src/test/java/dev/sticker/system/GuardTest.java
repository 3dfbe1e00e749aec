package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.settings.Config;
import dev.sticker.core.aws.S3ObjectStore;
import dev.sticker.core.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Photos the system must refuse, each ending in a clear 422 on image_url: addresses inside the network (checked by
 * the worker's request-forgery guard before it connects, on every redirect hop), other schemes, and bytes that are
 * not a usable image. The local cloud allowlists its own host 127.0.0.1 (its S3 serves photos there), so loopback is
 * proven refused through the other spellings of it: 127.0.0.2, [::1], 127.0.0.1 as an IPv4-mapped IPv6 address.
 */
class GuardTest {

    private static final Duration REFUSAL_TIMEOUT = Duration.ofSeconds(60);
    private static QueueClient api;
    private static S3ObjectStore objects;
    private static HttpServer redirector;

    @BeforeAll
    static void start() throws IOException {
        api = TestKeys.adminClient();
        SdkClients aws = new SdkClients(Config.system());
        objects = new S3ObjectStore(aws::s3, aws::presigner, Settings.load().bucket());
        // On the allowlisted loopback host, as a public site an attacker controls would be.
        redirector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        redirector.createContext("/to-metadata", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/iam/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirector.createContext("/to-private", exchange -> {
            exchange.getResponseHeaders().set("Location", "http://10.0.0.1/face.png");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirector.start();
    }

    @AfterAll
    static void stop() {
        redirector.stop(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://10.0.0.1/face.png",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]:9/face.png",
            "http://127.0.0.2:9/face.png",
            "http://[::ffff:127.0.0.1]:9/face.png",
            "http://0.0.0.0:9/face.png",
            "http://192.168.1.1/face.png",
    })
    void internalAddressIsRefusedByTheWorker(String url) {
        JsonNode error = refusedByTheWorker(url);

        assertTrue(error.path("msg").asText().contains("address"), error.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/to-metadata", "/to-private"})
    void redirectToAnInternalAddressIsRefused(String path) {
        String url = "http://127.0.0.1:" + redirector.getAddress().getPort() + path;

        JsonNode error = refusedByTheWorker(url);

        assertTrue(error.path("msg").asText().contains("address"), error.toString());
    }

    @Test
    void fileUrlIsRefusedAtSubmit() {
        QueueClient.Reply reply = api.submit(LifecycleTest.seedExample("file:///etc/passwd").toString());

        assertImageUrlError(reply);
    }

    @Test
    void dataUriThatIsNotAnImageIsRefusedAtSubmit() {
        String text = Photos.dataUri("image/png", "just some text".getBytes(StandardCharsets.UTF_8));

        QueueClient.Reply reply = api.submit(LifecycleTest.seedExample(text).toString());

        assertImageUrlError(reply);
    }

    @Test
    void urlServingSomethingElseThanAnImageIsRefused() {
        String key = "uploads/" + UUID.randomUUID() + "/page.html";
        objects.put(key, "<html>not a face</html>".getBytes(StandardCharsets.UTF_8), "image/png");

        JsonNode error = refusedByTheWorker(objects.presignGet(key, Duration.ofMinutes(5)).toString());

        assertTrue(error.path("msg").asText().contains("not an image"), error.toString());
    }

    @Test
    void truncatedJpegIsRefused() throws IOException {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(ImageIO.read(new ByteArrayInputStream(Photos.astronautPng())), "jpg", jpeg);
        byte[] truncated = Arrays.copyOf(jpeg.toByteArray(), jpeg.size() / 3);
        String input = LifecycleTest.seedExample(Photos.dataUri("image/jpeg", truncated))
                .put("image_size", "square").toString();

        QueueClient.Reply submitted = api.submit(input);
        QueueClient.Reply reply = submitted.status() == 422 ? submitted : completedResult(submitted);

        assertImageUrlError(reply);
    }

    /** Submits a URL (accepted: it is well formed) and returns the error its result ends with. */
    private static JsonNode refusedByTheWorker(String url) {
        QueueClient.Reply submitted = api.submit(LifecycleTest.seedExample(url).put("image_size", "square").toString());
        assertEquals(200, submitted.status(), submitted.json().toString());
        QueueClient.Reply result = completedResult(submitted);
        return assertImageUrlError(result);
    }

    private static QueueClient.Reply completedResult(QueueClient.Reply submitted) {
        String id = submitted.text("request_id");
        Await.completed(api, id, REFUSAL_TIMEOUT);
        return api.result(id);
    }

    private static JsonNode assertImageUrlError(QueueClient.Reply reply) {
        assertEquals(422, reply.status(), reply.json().toString());
        JsonNode error = reply.json().path("detail").get(0);
        assertEquals("image_url", error.path("loc").get(1).asText(), reply.json().toString());
        assertTrue(error.path("msg").asText().length() > 10, "a clear message: " + reply.json());
        return error;
    }
}
