package dev.sticker.core.photo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sticker.core.guard.RequestForgeryGuard;
import dev.sticker.formats.ImageType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Against a real HTTP server on 127.0.0.1, allowlisted by its host:port as a local deployment would be. */
class ImageFetcherTest {

    private static final long LIMIT = 64 * 1024;
    private static final byte[] PNG = TestImages.png(64, 48);
    private static final byte[] JPEG = TestImages.jpeg(64, 48);

    private HttpServer server;
    private ExecutorService handlers;
    private String base;
    private ImageFetcher fetcher;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/png-as-text", exchange -> send(exchange, 200, "text/plain", PNG));
        server.createContext("/jpeg-as-octets", exchange -> send(exchange, 200, "application/octet-stream", JPEG));
        server.createContext("/page", exchange -> send(exchange, 200, "image/png",
                "<!DOCTYPE html><html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/missing", exchange -> send(exchange, 404, "text/plain", new byte[]{'n', 'o'}));
        server.createContext("/big-declared", exchange -> send(exchange, 200, "image/png", big()));
        server.createContext("/big-streamed", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 64; i++) {
                    out.write(new byte[8192]);
                }
            } catch (IOException stoppedReading) {
                // The fetcher hangs up once past its limit; that is the behaviour under test.
            }
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(exchange, 200, "image/png", PNG);
        });
        server.createContext("/to-png", exchange -> redirect(exchange, "/png-as-text"));
        server.createContext("/to-private", exchange -> redirect(exchange, "http://10.0.0.1/photo.jpg"));
        server.createContext("/to-metadata", exchange -> redirect(exchange,
                "http://169.254.169.254/latest/meta-data/"));
        server.createContext("/loop", exchange -> redirect(exchange, "/loop"));
        server.start();
        String hostPort = "127.0.0.1:" + server.getAddress().getPort();
        base = "http://" + hostPort;
        fetcher = new ImageFetcher(new RequestForgeryGuard(List.of(hostPort)), LIMIT, Duration.ofSeconds(2),
                Duration.ofSeconds(4));
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void pngIsRecognisedDespiteAWrongContentType() {
        FetchResult.Fetched fetched = assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(base + "/png-as-text"));
        assertEquals(ImageType.PNG, fetched.type());
        assertArrayEquals(PNG, fetched.bytes());
    }

    @Test
    void jpegIsRecognisedDespiteAWrongContentType() {
        FetchResult.Fetched fetched = assertInstanceOf(FetchResult.Fetched.class,
                fetcher.fetch(base + "/jpeg-as-octets"));
        assertEquals(ImageType.JPEG, fetched.type());
    }

    @Test
    void htmlIsRefusedAsNotAnImage() {
        assertEquals(refusal("image_url is not an image (got text/html bytes)"), fetcher.fetch(base + "/page"));
    }

    @Test
    void httpErrorIsRefused() {
        assertEquals(refusal("image_url could not be downloaded (HTTP 404)"), fetcher.fetch(base + "/missing"));
    }

    @Test
    void bodyOverTheLimitIsRefusedWhetherDeclaredOrStreamed() {
        FetchResult tooLarge = refusal("image_url is larger than " + LIMIT + " bytes");
        assertEquals(tooLarge, fetcher.fetch(base + "/big-declared"));
        assertEquals(tooLarge, fetcher.fetch(base + "/big-streamed"));
    }

    @Test
    void slowServerTimesOut() {
        ImageFetcher impatient = new ImageFetcher(new RequestForgeryGuard(List.of(base.substring(7))), LIMIT,
                Duration.ofSeconds(2), Duration.ofMillis(500));
        FetchResult.Refused refused = assertInstanceOf(FetchResult.Refused.class, impatient.fetch(base + "/slow"));
        assertEquals("image_url took longer than 0.5 s to download", refused.failure().message());
    }

    @Test
    void redirectsAreFollowedWithinTheAllowedServer() {
        FetchResult.Fetched fetched = assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(base + "/to-png"));
        assertEquals(ImageType.PNG, fetched.type());
    }

    @Test
    void redirectToAPrivateAddressIsRefused() {
        assertEquals(refusal("image_url points to a private address"), fetcher.fetch(base + "/to-private"));
        assertEquals(refusal("image_url points to a link-local address"), fetcher.fetch(base + "/to-metadata"));
    }

    @Test
    void redirectLoopStopsAfterFiveHops() {
        assertEquals(refusal("image_url redirected more than 5 times"), fetcher.fetch(base + "/loop"));
    }

    @Test
    void loopbackServerIsRefusedWhenNotAllowlisted() {
        ImageFetcher strict = new ImageFetcher(new RequestForgeryGuard(List.of()));
        assertEquals(refusal("image_url points to a loopback address"), strict.fetch(base + "/png-as-text"));
    }

    @Test
    void plainHttpConnectsToTheCheckedAddressWithoutResolvingAgain() {
        // "photos.invalid" can never resolve through DNS; only the guard's resolver knows it. The fetch succeeding
        // proves the connection went to the address the guard checked, so a rebound second answer is never used.
        int port = server.getAddress().getPort();
        RequestForgeryGuard pinned = new RequestForgeryGuard(List.of("photos.invalid:" + port),
                host -> new InetAddress[]{InetAddress.getLoopbackAddress()});
        ImageFetcher pinnedFetcher = new ImageFetcher(pinned, LIMIT, Duration.ofSeconds(2), Duration.ofSeconds(2));
        FetchResult.Fetched fetched = assertInstanceOf(FetchResult.Fetched.class,
                pinnedFetcher.fetch("http://photos.invalid:" + port + "/png-as-text"));
        assertArrayEquals(PNG, fetched.bytes());
    }

    @Test
    void nonHttpSchemeIsRefused() {
        assertEquals(refusal("image_url must use http or https"), fetcher.fetch("file:///etc/passwd"));
    }

    @Test
    void dataUriIsDecoded() {
        String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG);
        FetchResult.Fetched fetched = assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(uri));
        assertArrayEquals(PNG, fetched.bytes());
        assertEquals(ImageType.PNG, fetched.type());
    }

    @Test
    void dataUriWithWrappedLinesIsDecoded() {
        String uri = "data:image/jpeg;base64," + Base64.getMimeEncoder().encodeToString(JPEG);
        assertInstanceOf(FetchResult.Fetched.class, fetcher.fetch(uri));
    }

    @Test
    void dataUriWithBadBase64IsRefused() {
        assertEquals(refusal("image_url data URI is not valid base64"),
                fetcher.fetch("data:image/png;base64,iVBOR!!!notbase64"));
    }

    @Test
    void dataUriWithALetterOutsideAsciiIsRefusedEvenWhenItsLowByteIsBase64() {
        String encoded = Base64.getEncoder().encodeToString(PNG);
        // U+0141 is 0x0141: cut to a byte it would read as 'A'.
        String uri = "data:image/png;base64,\u0141" + encoded.substring(1);
        assertEquals(refusal("image_url data URI is not valid base64"), fetcher.fetch(uri));
    }

    @Test
    void dataUriThatIsNotAnImageIsRefused() {
        String uri = "data:image/png;base64," + Base64.getEncoder()
                .encodeToString("just some words".getBytes(StandardCharsets.UTF_8));
        assertEquals(refusal("image_url is not an image (got text/plain bytes)"), fetcher.fetch(uri));
    }

    @Test
    void dataUriOverTheLimitIsRefusedBeforeDecoding() {
        byte[] photo = Arrays.copyOf(PNG, (int) DataUri.MAX_DECODED_BYTES + 1);
        String uri = "data:image/png;base64," + Base64.getEncoder().encodeToString(photo);
        assertEquals(DataUri.MAX_DECODED_BYTES + 1, DataUri.decodedSize(uri));
        assertEquals(refusal("image_url data URI is larger than " + DataUri.MAX_DECODED_BYTES + " bytes"),
                fetcher.fetch(uri));
    }

    private static FetchResult refusal(String message) {
        return FetchResult.refused(message);
    }

    private static byte[] big() {
        byte[] bytes = Arrays.copyOf(PNG, (int) LIMIT * 4);
        return bytes;
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException stoppedReading) {
            // A refused oversized body is hung up on mid-transfer.
        }
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }
}
