package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sticker.core.account.KeyAuthenticator;
import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keys, tenancy, credit and limits over HTTP, through the local API Gateway and its emulation of the template's key
 * authorizer, in a cloud of its own whose authorizer cache lasts two seconds (so revocation is seen quickly). Each
 * test opens the accounts it needs, as an operator would.
 */
class PayPerUseTest {

    private static final Duration CACHE = Duration.ofSeconds(2);
    /** A 512 x 512 sticker: 0.262144 megapixels at 0.02 USD. */
    private static final BigDecimal SQUARE_PRICE = new BigDecimal("0.005243");
    private static final String SQUARE = "{\"image_url\":\"" + Photos.dataUri("image/png", Photos.astronautPng())
            + "\",\"prompt\":\"a person\",\"image_size\":\"square\"}";
    private static final String UNKNOWN_KEY = "00000000-0000-4000-8000-000000000000:" + "0".repeat(64);

    private static LocalCloud cloud;
    private static QueueClient admin;

    @BeforeAll
    static void startCloud() {
        cloud = LocalCloud.start(new LocalCloudOptions(TestClouds.template(), null, 0, true,
                Map.of("AuthorizerCacheSeconds", Long.toString(CACHE.toSeconds()))));
        admin = new QueueClient(cloud.apiUrl(), LocalAccount.ensure(cloud));
    }

    @AfterAll
    static void stopCloud() {
        cloud.close();
    }

    @Test
    void everyKeyedRouteRefusesCallsWithoutAValidKeyInFalsWords() {
        QueueClient anonymous = admin.withKey(null);
        String id = "764cabcf-b745-4b3e-ae38-1200304cf45b";
        List<String[]> routes = List.of(new String[]{"POST", QueueClient.MODEL_PATH},
                new String[]{"GET", QueueClient.MODEL_PATH + "/requests/" + id + "/status"},
                new String[]{"GET", QueueClient.MODEL_PATH + "/requests/" + id},
                new String[]{"PUT", QueueClient.MODEL_PATH + "/requests/" + id + "/cancel"},
                new String[]{"POST", "/storage/upload/initiate"}, new String[]{"POST", "/fal/proxy"},
                new String[]{"GET", "/v1/keys"}, new String[]{"GET", "/v1/account/billing"});
        for (String[] route : routes) {
            String call = route[0] + " " + route[1];
            QueueClient.Reply missing = anonymous.call(route[0], route[1], "{}", Map.of());
            QueueClient.Reply malformed = anonymous.call(route[0], route[1], "{}", Map.of("Authorization", "Bearer x"));
            QueueClient.Reply unknown = admin.withKey(UNKNOWN_KEY).call(route[0], route[1], "{}", Map.of());

            assertEquals(401, missing.status(), call);
            assertEquals(KeyAuthenticator.MISSING, missing.text("detail"), call);
            assertEquals(401, malformed.status(), call);
            assertTrue(malformed.text("detail").startsWith("Malformed Authorization header"), call);
            assertEquals(401, unknown.status(), call);
            assertEquals(KeyAuthenticator.UNKNOWN_KEY, unknown.text("detail"), call);
        }
    }

    @Test
    void theSigningKeysResultLinksCallbacksAndPreflightsNeedNoKey() {
        QueueClient anonymous = admin.withKey(null);

        assertEquals(200, anonymous.get("/.well-known/jwks.json").status());
        assertEquals(404, anonymous.get("/files/results/764cabcf-b745-4b3e-ae38-1200304cf45b/sticker.png").status());
        QueueClient.Reply callback = anonymous.call("POST", "/webhooks/http/764cabcf-b745-4b3e-ae38-1200304cf45b",
                "{}", Map.of());
        assertFalse(KeyAuthenticator.MISSING.equals(callback.text("detail")), "callbacks carry their own signature");
        assertEquals(200, anonymous.call("OPTIONS", QueueClient.MODEL_PATH, null,
                Map.of("Origin", "https://app.example", "Access-Control-Request-Method", "POST")).status());
    }

    @Test
    void apiKeysMayNotUseTheAdminRoutes() {
        QueueClient customer = client(TestKeys.open(cloud, null, "1", 2, 1000));

        QueueClient.Reply reply = customer.post("/v1/keys", "{\"alias\":\"mine\"}", Map.of());

        assertEquals(403, reply.status());
        assertTrue(reply.text("detail").contains("ADMIN"), reply.text("detail"));
        assertEquals(403, customer.post("/v1/accounts", "{\"name\":\"free money\",\"credits_usd\":100}", Map.of())
                .status());
    }

    @Test
    void anotherAccountsRequestIsAnsweredAsAnUnknownOneOnEveryRoute() {
        QueueClient owner = client(TestKeys.open(cloud, null, "1", 2, 1000));
        QueueClient stranger = client(TestKeys.open(cloud, null, "1", 2, 1000));
        String id = owner.submit(SQUARE).expectOk("submit").text("request_id");
        String unknown = "00000000-0000-4000-8000-00000000abcd";

        for (String path : List.of("/requests/%s/status", "/requests/%s", "/requests/%s/status/stream")) {
            QueueClient.Reply foreign = stranger.get(QueueClient.MODEL_PATH + path.formatted(id));
            QueueClient.Reply missing = stranger.get(QueueClient.MODEL_PATH + path.formatted(unknown));
            assertEquals(404, foreign.status(), path);
            assertEquals(missing.body(), foreign.body(), "existence does not leak: " + path);
        }
        assertEquals(404, stranger.cancel(id).status());

        QueueClient.Reply done = owner.awaitCompleted(id, LifecycleTest.RENDER_TIMEOUT, Duration.ofMillis(200),
                status -> { });
        assertEquals("COMPLETED", done.text("status"));
        assertEquals(200, owner.result(id).status(), "the stranger's cancel did nothing");
    }

    @Test
    void callsBeyondTheKeysRateAreRefusedWithRetryAfter() {
        TestKeys.Opened account = TestKeys.open(cloud, null, "1", 2, 3);
        QueueClient limited = client(account);

        for (int call = 0; call < 3; call++) {
            assertEquals(200, limited.get("/v1/account/billing").status(), "call " + call);
        }
        QueueClient.Reply refused = limited.get("/v1/account/billing");

        assertEquals(429, refused.status());
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        String otherKey = admin.post("/v1/keys", "{\"alias\":\"second\",\"account_id\":\"" + account.accountId()
                + "\"}", Map.of()).expectOk("key").text("key");
        assertEquals(200, admin.withKey(otherKey).get("/v1/account/billing").status(), "counted per key");
    }

    @Test
    void outOfCreditIsRefusedAsFalRefusesItAndATopUpUnlocksAtOnce() {
        TestKeys.Opened broke = TestKeys.open(cloud, null, "0", 2, 1000);
        QueueClient customer = client(broke);

        QueueClient.Reply refused = customer.submit(SQUARE);

        assertEquals(403, refused.status());
        assertEquals("User is locked. Reason: Exhausted balance. Top up your balance to continue.",
                refused.text("detail"));
        admin.post("/v1/accounts/" + broke.accountId() + "/credits", "{\"amount_usd\": 1}", Map.of())
                .expectOk("top-up");
        assertEquals(200, customer.submit(SQUARE).status());
    }

    @Test
    void parallelSubmitsAcceptExactlyAsManyAsTheCreditPaysFor() throws Exception {
        QueueClient customer = client(TestKeys.open(cloud, null, SQUARE_PRICE.multiply(BigDecimal.valueOf(3))
                .toPlainString(), 2, 1000));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = IntStream.range(0, 8)
                    .mapToObj(i -> pool.submit(() -> customer.submit(SQUARE).status())).toList();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answers.add(status.get());
            }

            assertEquals(List.of(200, 200, 200, 403, 403, 403, 403, 403), answers.stream().sorted().toList());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aRevokedKeyStopsWorkingWithinTheAuthorizerCacheTtl() {
        TestKeys.Opened account = TestKeys.open(cloud, null, "1", 2, 1000);
        QueueClient customer = client(account);
        assertEquals(200, customer.get("/v1/account/billing").status());
        String keyId = account.key().substring(0, account.key().indexOf(':'));

        assertEquals(204, admin.call("DELETE", "/v1/keys/" + keyId, null, Map.of()).status());
        QueueClient.pause(CACHE.plusMillis(500));

        QueueClient.Reply refused = customer.get("/v1/account/billing");
        assertEquals(401, refused.status());
        assertEquals(KeyAuthenticator.UNKNOWN_KEY, refused.text("detail"));
    }

    @Test
    void aStickerIsChargedOnceWithItsUsageAndAPhotoWithoutAFaceCostsNothing() {
        JsonNode opened = admin.post("/v1/accounts", "{\"name\":\"Acme\",\"credits_usd\":1,\"concurrency_limit\":1}",
                Map.of()).expectOk("account").json();
        String accountId = opened.path("account_id").asText();
        JsonNode key = admin.post("/v1/keys", "{\"alias\":\"acme-web\",\"account_id\":\"" + accountId + "\"}",
                Map.of()).expectOk("key").json();
        QueueClient customer = admin.withKey(key.path("key").asText());

        String sticker = customer.submit(SQUARE).expectOk("submit").text("request_id");
        String cat = customer.submit("{\"image_url\":\"" + Photos.dataUri("image/png", Photos.catPng())
                + "\",\"prompt\":\"a cat\",\"image_size\":\"square\"}").expectOk("submit").text("request_id");
        customer.awaitCompleted(sticker, LifecycleTest.RENDER_TIMEOUT, Duration.ofMillis(200), status -> { });
        customer.awaitCompleted(cat, LifecycleTest.RENDER_TIMEOUT, Duration.ofMillis(200), status -> { });

        assertEquals(422, customer.result(cat).status());
        JsonNode account = TestKeys.settledAccount(admin, accountId);
        assertEquals(BigDecimal.ONE.subtract(SQUARE_PRICE), account.path("balance_usd").decimalValue());
        JsonNode credits = customer.get("/v1/account/billing?expand=credits").expectOk("billing").json();
        assertEquals(BigDecimal.ONE.subtract(SQUARE_PRICE), credits.path("credits").path("current_balance")
                .decimalValue());
        JsonNode usage = admin.get("/v1/models/usage?account_id=" + accountId).expectOk("usage").json();
        JsonNode line = usage.path("time_series").get(0).path("results").get(0);
        assertEquals(1, usage.path("time_series").size());
        assertEquals("acme-web", line.path("auth_method").asText());
        assertEquals(SQUARE_PRICE, line.path("cost").decimalValue());
        assertEquals(new BigDecimal("0.262144"), line.path("quantity").decimalValue());
        JsonNode keys = admin.get("/v1/keys?account_id=" + accountId).expectOk("keys").json();
        assertFalse(keys.toString().contains(key.path("key_secret").asText()), "secrets are never listed");
    }

    private static QueueClient client(TestKeys.Opened account) {
        return new QueueClient(cloud.apiUrl(), account.key());
    }
}
