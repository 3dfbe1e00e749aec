package dev.sticker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The template's REQUEST authorizer as API Gateway runs it: identity check, cache, policy, context, responses. */
class AuthorizerEmulationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCloud cloud;

    @BeforeAll
    static void start() {
        cloud = LocalCloud.start(LocalCloudOptions.ephemeral(LocalCloudTest.FIXTURE));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void callWithoutTheIdentityHeaderGetsTheTemplatesUnauthorizedAnswerWithoutInvokingTheAuthorizer()
            throws Exception {
        int before = TokenAuthorizer.INVOCATIONS.get();

        HttpResponse<String> response = get("/guarded/a", null);

        assertEquals(401, response.statusCode());
        assertEquals("{\"detail\": \"send X-Token\"}", response.body());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals(before, TokenAuthorizer.INVOCATIONS.get());
    }

    @Test
    void allowedCallReachesTheFunctionWithTheAuthorizersContextAndPrincipal() throws Exception {
        HttpResponse<String> response = get("/guarded/a", "good");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode authorizer = JSON.readTree(response.body()).path("event").path("requestContext").path("authorizer");
        assertEquals("u1", authorizer.path("user").asText());
        assertEquals("user-good", authorizer.path("principalId").asText());
    }

    @Test
    void answerIsCachedPerTokenForTheTtlAndServesEveryRouteItsPolicyCovers() throws Exception {
        get("/guarded/warm", "good");
        int before = TokenAuthorizer.INVOCATIONS.get();

        HttpResponse<String> other = get("/guarded/b", "good");

        assertEquals(200, other.statusCode());
        assertEquals(before, TokenAuthorizer.INVOCATIONS.get(), "served from the cache");
        JsonNode authorizer = JSON.readTree(other.body()).path("event").path("requestContext").path("authorizer");
        assertEquals("/guarded/warm", authorizer.path("path").asText(), "the cached context is handed on");
        Thread.sleep(1_100);
        assertEquals(200, get("/guarded/c", "good").statusCode());
        assertEquals(before + 1, TokenAuthorizer.INVOCATIONS.get(), "asked again once the TTL passed");
    }

    @Test
    void refusedTokenIsUnauthorizedAndDenyPolicyIsForbidden() throws Exception {
        HttpResponse<String> unknown = get("/guarded/a", "stolen");
        HttpResponse<String> denied = get("/guarded/a", "deny");

        assertEquals(401, unknown.statusCode());
        assertEquals("{\"detail\": \"send X-Token\"}", unknown.body());
        assertEquals(403, denied.statusCode());
        assertEquals("{\"message\":\"User is not authorized to access this resource\"}", denied.body());
    }

    @Test
    void cachedPolicyForOneMethodDoesNotCoverAnother() throws Exception {
        assertEquals(200, get("/guarded/first", "narrow").statusCode());

        assertEquals(403, get("/guarded/second", "narrow").statusCode(), "the cached policy names /guarded/first");
    }

    @Test
    void routeWithoutAnAuthorizerIsOpen() throws Exception {
        assertEquals(200, get("/open/a", null).statusCode());
    }

    private static HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(cloud.apiUrl() + path)).GET();
        if (token != null) {
            request.header("X-Token", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
