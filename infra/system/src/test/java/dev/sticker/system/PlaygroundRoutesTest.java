package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.local.LocalCloud;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The routes the template gives the playground and the OpenAPI document, served through the local API Gateway. */
class PlaygroundRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String api;

    @BeforeAll
    static void startCloud() {
        api = LocalCloud.shared().apiUrl().toString();
    }

    @ParameterizedTest(name = "GET {0}")
    @CsvSource({
            "/, text/html; charset=utf-8",
            "/playground, text/html; charset=utf-8",
            "/playground/, text/html; charset=utf-8",
            "/v1/, text/html; charset=utf-8",
            "/playground/main.js, text/javascript; charset=utf-8",
            "/v1/playground/playground.css, text/css; charset=utf-8",
            "/openapi.json, application/json",
    })
    void servedWithoutAKeyAndWithItsType(String path, String contentType) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(contentType, response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void theOpenApiDocumentNamesThisApiAsItsServer() throws IOException, InterruptedException {
        JsonNode document = JSON.readTree(get("/openapi.json").body());

        assertEquals("3.1.0", document.path("openapi").asText());
        assertEquals(api, document.at("/servers/0/url").asText());
        assertEquals(api + "/", document.at("/info/x-fal-metadata/playgroundUrl").asText());
        assertTrue(document.at("/paths/~1fal-ai~1face-to-sticker/post").isObject());
    }

    @Test
    void anUnknownPlaygroundFileIsNotFound() throws IOException, InterruptedException {
        assertEquals(404, get("/playground/secrets.txt").statusCode());
        assertEquals(404, get("/playground/..%2F..%2Ftemplate.yaml").statusCode());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(api + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
