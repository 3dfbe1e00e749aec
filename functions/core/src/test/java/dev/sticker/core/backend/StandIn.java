package dev.sticker.core.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sticker.core.wire.Json;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.ImageIO;

/** A provider's stand-in: an HTTP server on loopback, and what every stand-in needs to answer and call back. */
public abstract class StandIn implements AutoCloseable {

    /** A signed callback as a provider would post it. */
    public record Delivery(String url, Map<String, String> headers, byte[] body) {
    }

    protected final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();

    StandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(handlers);
    }

    /** Registers the routes, then starts serving. */
    protected final void start() {
        routes();
        server.start();
    }

    protected abstract void routes();

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Posts a callback the way the provider does and answers the receiver's status. */
    public static int post(Delivery delivery) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(delivery.url()))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.headers().forEach(request::header);
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        String text = body instanceof String string ? string : Json.MAPPER.writeValueAsString(body);
        send(exchange, status, "application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] body(HttpExchange exchange) throws IOException {
        return exchange.getRequestBody().readAllBytes();
    }

    static JsonNode jsonBody(HttpExchange exchange) throws IOException {
        return Json.MAPPER.readTree(body(exchange));
    }

    /** A real PNG of this size: an orange disc on transparency, or on white. */
    static byte[] png(int width, int height, boolean transparent) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        if (!transparent) {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
        }
        g.setColor(Color.ORANGE);
        g.fillOval(width / 8, height / 8, width * 3 / 4, height * 3 / 4);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
