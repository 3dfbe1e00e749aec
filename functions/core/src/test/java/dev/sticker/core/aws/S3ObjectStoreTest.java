package dev.sticker.core.aws;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3ObjectStoreTest {

    private final S3ObjectStore objects = LocalAws.objectStore();

    @Test
    void putObjectReadsBackByteForByte() {
        String key = "inputs/" + UUID.randomUUID() + "/photo.bin";
        byte[] bytes = {0, 1, 2, (byte) 0xff, 42};

        objects.put(key, bytes, "application/octet-stream");

        assertArrayEquals(bytes, objects.get(key).orElseThrow());
    }

    @Test
    void missingKeyIsEmpty() {
        assertTrue(objects.get("results/" + UUID.randomUUID() + "/none.png").isEmpty());
    }

    @Test
    void presignedGetServesTheObjectWithItsContentTypeToAPlainHttpClient() throws Exception {
        String key = "results/" + UUID.randomUUID() + "/sticker.png";
        byte[] bytes = "not really a png".getBytes(StandardCharsets.UTF_8);
        objects.put(key, bytes, "image/png");

        URI url = objects.presignGet(key, Duration.ofMinutes(5));
        HttpResponse<byte[]> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertEquals("image/png", response.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(bytes, response.body());
        assertTrue(url.getQuery().contains("X-Amz-Signature="), url.toString());
    }

    @Test
    void tamperedPresignedUrlIsRefused() throws Exception {
        String key = "results/" + UUID.randomUUID() + "/sticker.png";
        objects.put(key, new byte[]{1}, "image/png");
        URI url = objects.presignGet(key, Duration.ofMinutes(5));
        URI otherKey = URI.create(url.toString().replace("/sticker.png", "/other.png"));

        HttpResponse<Void> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(otherKey).GET().build(), HttpResponse.BodyHandlers.discarding());

        assertEquals(403, response.statusCode());
    }
}
