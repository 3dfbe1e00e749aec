package dev.sticker.core.guard;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Against a real HTTP server on 127.0.0.1, allowlisted as a local deployment's stand-ins are. */
class GuardedHttpTest {

    private static final long LIMIT = 1024;

    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicReference<String> receivedHeader = new AtomicReference<>();
    private final AtomicReference<byte[]> receivedBody = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", exchange -> {
            calls.incrementAndGet();
            receivedHeader.set(exchange.getRequestHeaders().getFirst("X-Token"));
            receivedBody.set(exchange.getRequestBody().readAllBytes());
            byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(422, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.createContext("/big", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[(int) LIMIT * 4]);
            } catch (IOException stoppedReading) {
                // The client hangs up once past its limit.
            }
        });
        server.createContext("/moved", exchange -> {
            calls.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void sendsTheMethodHeadersAndBodyAndReturnsAnyStatusWithItsBody() {
        GuardedHttp.Answer answer = http(List.of("127.0.0.1")).send("PUT", url("/echo"), Map.of("X-Token", "t1"),
                new byte[]{1, 2, 3});

        GuardedHttp.Answer.Response response = assertInstanceOf(GuardedHttp.Answer.Response.class, answer);
        assertEquals(422, response.status());
        assertEquals("{\"ok\":true}", response.text());
        assertEquals("t1", receivedHeader.get());
        assertArrayEquals(new byte[]{1, 2, 3}, receivedBody.get());
    }

    @Test
    void aUrlTheGuardRefusesIsNeverCalled() {
        GuardedHttp.Answer answer = http(List.of()).get(url("/echo"), Map.of());

        assertEquals(new GuardedHttp.Answer.Refused("points to a loopback address"), answer);
        assertEquals(0, calls.get());
    }

    @Test
    void anAnswerPastTheLimitIsNotRead() {
        GuardedHttp.Answer answer = http(List.of("127.0.0.1")).get(url("/big"), Map.of());

        assertEquals(new GuardedHttp.Answer.Unreachable("answer larger than " + LIMIT + " bytes"), answer);
    }

    @Test
    void redirectsAreNotFollowed() {
        GuardedHttp.Answer answer = http(List.of("127.0.0.1")).get(url("/moved"), Map.of());

        assertEquals(302, assertInstanceOf(GuardedHttp.Answer.Response.class, answer).status());
        assertEquals(1, calls.get());
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static GuardedHttp http(List<String> allowlist) {
        return new GuardedHttp(new RequestForgeryGuard(allowlist), Duration.ofSeconds(2), Duration.ofSeconds(5),
                LIMIT);
    }
}
