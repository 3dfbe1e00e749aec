package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sticker.core.account.AccountAdmin;
import dev.sticker.core.account.BillingSettings;
import dev.sticker.core.account.Micros;
import dev.sticker.core.account.Scope;
import dev.sticker.core.aws.DynamoAccountStore;
import dev.sticker.core.aws.DynamoKeyStore;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.local.LocalCloud;
import dev.sticker.settings.Config;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Keys for calling a local cloud: its own ADMIN key (the {@code local} account's, as {@code ./sticker up} keeps it)
 * and API keys of accounts opened for one test, so that a test sees its own credit, limits and requests only.
 */
public final class TestKeys {

    private TestKeys() {
    }

    /** An account opened for a test and its API key, {@code key_id:key_secret}. */
    public record Opened(String accountId, String key) {
    }

    /** The shared cloud's ADMIN key. */
    public static String admin() {
        return LocalAccount.ensure(LocalCloud.shared());
    }

    /** The shared cloud's API, called with its ADMIN key. */
    public static QueueClient adminClient() {
        return new QueueClient(LocalCloud.shared().apiUrl(), admin());
    }

    /** A new account of the shared cloud with this credit and concurrency limit, and an API key for it. */
    public static Opened open(String creditUsd, int concurrencyLimit) {
        return open(LocalCloud.shared(), null, creditUsd, concurrencyLimit, 100_000);
    }

    /** A new account of {@code cloud} (a fresh id when {@code accountId} is null) and an API key for it. */
    public static Opened open(LocalCloud cloud, String accountId, String creditUsd, int concurrencyLimit,
                              int ratePerMinute) {
        Config config = Config.of(cloud.environment()::get);
        SdkClients clients = new SdkClients(config);
        String table = BillingSettings.from(config).accountsTable();
        AccountAdmin admin = new AccountAdmin(new DynamoAccountStore(clients.dynamo(), table),
                new DynamoKeyStore(clients.dynamo(), table), Clock.systemUTC());
        String id = accountId != null ? accountId : "test-" + UUID.randomUUID();
        admin.open(new AccountAdmin.Opening(id, "test", Micros.fromUsd(new BigDecimal(creditUsd)), concurrencyLimit,
                ratePerMinute));
        return new Opened(id, admin.issueKey(id, "test", Scope.API).orElseThrow().credentials().key());
    }

    /**
     * The account as the API answers it, once nothing is held any more: a request reads COMPLETED a moment before
     * its price is charged (the charge follows the completing write).
     */
    public static JsonNode settledAccount(QueueClient api, String accountId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode account = api.get("/v1/accounts/" + accountId).expectOk("account").json();
        while (account.path("reserved_usd").decimalValue().signum() != 0 && System.nanoTime() < deadline) {
            QueueClient.pause(Duration.ofMillis(200));
            account = api.get("/v1/accounts/" + accountId).expectOk("account").json();
        }
        assertEquals(0, account.path("reserved_usd").decimalValue().signum(), "every hold was settled: " + account);
        return account;
    }
}
