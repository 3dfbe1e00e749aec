package dev.sticker.core.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Talks to a stand-in SSM endpoint that speaks the documented AWS JSON 1.1 GetParameter protocol. */
class ParameterStoreTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KNOWN = "/face-to-sticker/callback-secret";
    private static final String VALUE = "s3cr3t-value";
    /** Asks the stand-in to answer with an access error, as SSM does for a key the caller may not use. */
    private static final String FORBIDDEN = "/face-to-sticker/forbidden";
    private static final Pattern SIGV4 = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/ssm/aws4_request, "
                    + "SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}");

    private static HttpServer server;
    private static SdkHttpClient http;
    private static ParameterStore parameters;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ParameterStoreTest::getParameter);
        server.start();
        http = UrlConnectionHttpClient.create();
        parameters = new ParameterStore(http,
                Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")),
                () -> Region.EU_WEST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "example-secret-key")));
    }

    @AfterAll
    static void stop() {
        http.close();
        server.stop(0);
    }

    @Test
    void readsTheDecryptedValueOfAKnownParameter() {
        assertEquals(Optional.of(VALUE), parameters.secureString(KNOWN));
    }

    @Test
    void aMissingParameterIsEmpty() {
        assertEquals(Optional.empty(), parameters.secureString("/face-to-sticker/absent"));
    }

    @Test
    void otherErrorsFailWithTheirTypeAndMessage() {
        ParameterStore.ParameterStoreException failure = assertThrows(ParameterStore.ParameterStoreException.class,
                () -> parameters.secureString(FORBIDDEN));

        assertEquals("AccessDeniedException", failure.errorType());
        assertTrue(failure.getMessage().contains("HTTP 400"), failure.getMessage());
        assertTrue(failure.getMessage().contains("not authorized to perform ssm:GetParameter"), failure.getMessage());
    }

    @Test
    void aRequestSignedForAnotherRegionIsRejected() {
        ParameterStore otherRegion = new ParameterStore(http,
                Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")),
                () -> Region.US_EAST_1,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "example-secret-key")));

        ParameterStore.ParameterStoreException failure = assertThrows(ParameterStore.ParameterStoreException.class,
                () -> otherRegion.secureString(KNOWN));

        assertEquals("InvalidSignatureException", failure.errorType());
        assertFalse(failure.getMessage().contains(VALUE));
    }

    private static void getParameter(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            var signature = authorization == null ? null : SIGV4.matcher(authorization);
            boolean signed = signature != null && signature.matches()
                    && signature.group(1).contains("x-amz-target");
            if (!"POST".equals(exchange.getRequestMethod())
                    || !"AmazonSSM.GetParameter".equals(exchange.getRequestHeaders().getFirst("X-Amz-Target"))
                    || !"application/x-amz-json-1.1".equals(exchange.getRequestHeaders().getFirst("Content-Type"))
                    || !signed) {
                respond(exchange, 400, Map.of("__type", "InvalidSignatureException",
                        "message", "The request signature we calculated does not match the signature you provided."));
                return;
            }
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String name = request.path("Name").asText();
            if (!request.path("WithDecryption").asBoolean(false)) {
                respond(exchange, 400, Map.of("__type", "ValidationException", "message", "decryption expected"));
            } else if (KNOWN.equals(name)) {
                respond(exchange, 200, Map.of("Parameter", Map.of("Name", name, "Type", "SecureString",
                        "Value", VALUE, "Version", 1)));
            } else if (FORBIDDEN.equals(name)) {
                respond(exchange, 400, Map.of("__type", "AccessDeniedException",
                        "message", "User is not authorized to perform ssm:GetParameter on resource " + name));
            } else {
                respond(exchange, 400, Map.of("__type", "ParameterNotFound"));
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
