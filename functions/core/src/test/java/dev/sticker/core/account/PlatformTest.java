package dev.sticker.core.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sticker.core.aws.DynamoAccountStore;
import dev.sticker.core.aws.DynamoKeyStore;
import dev.sticker.core.aws.LocalAws;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.Json;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Platform API's answers, against the local cloud's real accounts table. */
class PlatformTest {

    private static final Instant NOW = Instant.parse("2031-05-06T12:00:00Z");

    private final DynamoAccountStore accounts = LocalAws.accountStore();
    private final DynamoKeyStore keys = LocalAws.keyStore();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final Platform platform = new Platform(new AccountAdmin(accounts, keys, clock), accounts, keys,
            TestAccounts.PRICING, clock);
    private final Caller operator = new Caller("operator", "op-key", "ops", Scope.ADMIN);

    @Test
    void openingAnAccountChecksEveryFieldAndTakesAnIdOnce() {
        ApiReply invalid = platform.createAccount(operator,
                "{\"credits_usd\": -5, \"account_id\": \"Not Valid\", \"concurrency_limit\": 0}");
        String id = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        ApiReply opened = platform.createAccount(operator,
                "{\"name\": \"Acme\", \"account_id\": \"" + id + "\", \"credits_usd\": 12.5}");
        ApiReply again = platform.createAccount(operator, "{\"name\": \"Acme\", \"account_id\": \"" + id + "\"}");

        assertEquals(422, invalid.status());
        assertEquals(List.of("account_id", "credits_usd", "concurrency_limit"), fields(invalid));
        assertEquals(201, opened.status());
        assertEquals(new BigDecimal("12.5"), json(opened).path("balance_usd").decimalValue());
        assertEquals(2, json(opened).path("concurrency_limit").intValue(), "fal's default concurrency");
        assertEquals(409, again.status());
        assertEquals(422, platform.createAccount(operator, "not json").status());
    }

    @Test
    void keysAreIssuedOnceListedWithoutSecretsAndRevokedOnce() {
        String account = open("1");
        JsonNode created = json(platform.createKey(operator, "{\"alias\": \"web\", \"account_id\": \"" + account
                + "\"}"));
        String keyId = created.path("key_id").asText();

        JsonNode listed = json(platform.listKeys(operator, account));

        assertEquals(keyId + ":" + created.path("key_secret").asText(), created.path("key").asText());
        assertEquals(List.of(keyId), listed.path("keys").findValuesAsText("key_id"));
        assertFalse(listed.toString().contains(created.path("key_secret").asText()));
        assertEquals(204, platform.revokeKey(operator, keyId).status());
        assertEquals(404, platform.revokeKey(operator, keyId).status());
        assertEquals(404, platform.createKey(operator, "{\"account_id\": \"no-such-account\"}").status());
        assertEquals(422, platform.createKey(operator, "{\"scope\": \"ROOT\"}").status());
    }

    @Test
    void apiKeysSeeTheirOwnAccountOnlyAndNoAdminRoute() {
        String mine = open("1");
        Caller customer = new Caller(mine, "k", "web", Scope.API);

        assertEquals(200, platform.account(customer, mine).status());
        assertEquals(404, platform.account(customer, open("1")).status());
        assertEquals(403, platform.credit(customer, mine, "{\"amount_usd\": 100}").status());
        assertEquals(403, platform.listKeys(customer, null).status());
        assertEquals(403, platform.usage(customer, Map.of("account_id", "someone-else")).status());
    }

    @Test
    void creditsAddUpAndANegativeAmountCorrects() {
        String account = open("1");

        platform.credit(operator, account, "{\"amount_usd\": 2.25, \"note\": \"invoice 7\"}");
        JsonNode after = json(platform.credit(operator, account, "{\"amount_usd\": -0.25}"));
        JsonNode ledger = json(platform.ledger(operator, account));

        assertEquals(new BigDecimal("3"), after.path("balance_usd").decimalValue());
        assertEquals(List.of("CORRECTION", "TOPUP", "TOPUP"),
                ledger.path("entries").findValuesAsText("kind").stream().sorted().toList());
        assertEquals(422, platform.credit(operator, account, "{}").status());
        assertEquals(404, platform.credit(operator, "no-such-account", "{\"amount_usd\": 1}").status());
    }

    @Test
    void pricesAndEstimatesAreFalsShapes() {
        JsonNode prices = json(platform.prices("fal-ai/face-to-sticker"));
        JsonNode estimate = json(platform.estimate(operator, "{\"estimate_type\": \"unit_price\", \"endpoints\": "
                + "{\"fal-ai/face-to-sticker\": {\"unit_quantity\": 1.048576}}}"));

        JsonNode price = prices.path("prices").get(0);
        assertEquals("fal-ai/face-to-sticker", price.path("endpoint_id").asText());
        assertEquals(new BigDecimal("0.02"), price.path("unit_price").decimalValue());
        assertEquals("megapixels", price.path("unit").asText());
        assertEquals("USD", price.path("currency").asText());
        assertEquals(0, json(platform.prices("fal-ai/flux/dev")).path("prices").size());
        assertEquals(new BigDecimal("0.020972"), estimate.path("total_cost").decimalValue());
        assertEquals(404, platform.estimate(operator, "{\"estimate_type\": \"unit_price\", \"endpoints\": "
                + "{\"fal-ai/flux/dev\": {\"unit_quantity\": 1}}}").status());
        assertEquals(422, platform.estimate(operator, "{\"estimate_type\": \"guess\", \"endpoints\": {}}").status());
    }

    @Test
    void usageIsSummedPerDayAndAliasAndPagedByCursor() {
        String account = open("5");
        Instant day1 = NOW.minusSeconds(3 * 86_400);
        charge(account, "r1", "web", day1);
        charge(account, "r2", "web", day1.plusSeconds(60));
        charge(account, "r3", "ios", day1.plusSeconds(120));
        charge(account, "r4", "web", day1.plusSeconds(86_400));

        JsonNode firstPage = json(platform.usage(operator, Map.of("account_id", account, "limit", "1")));
        JsonNode secondPage = json(platform.usage(operator, Map.of("account_id", account,
                "cursor", firstPage.path("next_cursor").asText())));

        JsonNode day = firstPage.path("time_series").get(0);
        assertEquals(day1.truncatedTo(ChronoUnit.DAYS).toString(), day.path("bucket").asText());
        assertEquals(List.of("web", "ios"), day.path("results").findValuesAsText("auth_method"));
        JsonNode web = day.path("results").get(0);
        assertEquals(new BigDecimal("2.097152"), web.path("quantity").decimalValue());
        assertEquals(new BigDecimal("0.041944"), web.path("cost").decimalValue());
        assertTrue(firstPage.path("has_more").booleanValue());
        assertEquals(1, secondPage.path("time_series").size());
        assertFalse(secondPage.path("has_more").booleanValue());
        assertEquals(422, platform.usage(operator, Map.of("timeframe", "fortnight")).status());
    }

    private void charge(String account, String requestId, String alias, Instant at) {
        accounts.reserve(account, requestId, 20_972);
        accounts.settle(account, requestId, 20_972, at, new UsageRecord(account, requestId, "key-" + alias, alias,
                Pricing.ENDPOINT_ID, Pricing.UNIT, new BigDecimal("1.048576"), 20_000, 20_972, at, "builtin"));
    }

    private String open(String creditsUsd) {
        return json(platform.createAccount(operator, "{\"name\": \"test\", \"credits_usd\": " + creditsUsd + "}"))
                .path("account_id").asText();
    }

    private static List<String> fields(ApiReply reply) {
        List<String> fields = new ArrayList<>();
        json(reply).path("detail").forEach(error -> fields.add(error.path("loc").get(1).asText()));
        return fields;
    }

    private static JsonNode json(ApiReply reply) {
        try {
            return Json.MAPPER.readTree(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException(reply.body(), e);
        }
    }
}
