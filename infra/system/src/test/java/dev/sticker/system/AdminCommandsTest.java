package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.local.LocalCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./sticker keys|accounts|usage} against the local cloud, with the admin key {@code ./sticker up} keeps. */
class AdminCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path checkout;
    private String previousHome;
    private String api;

    @BeforeEach
    void aCheckoutWithTheLocalCloudsKey() throws IOException {
        api = LocalCloud.shared().apiUrl().toString();
        Files.createDirectories(checkout.resolve(".sticker"));
        Files.writeString(checkout.resolve(".sticker").resolve(LocalAccount.KEY_FILE), TestKeys.admin() + "\n");
        previousHome = System.setProperty("sticker.home", checkout.toString());
    }

    @AfterEach
    void restoreHome() {
        if (previousHome == null) {
            System.clearProperty("sticker.home");
        } else {
            System.setProperty("sticker.home", previousHome);
        }
    }

    @Test
    void anOperatorOpensAnAccountGivesItAKeyAndCreditAndReadsItBack() throws IOException {
        JsonNode account = run("accounts", "create", "Acme", "--credits", "2.5", "--concurrency", "3");
        String id = account.path("account_id").asText();
        JsonNode key = run("keys", "create", "--account", id, "--alias", "acme-web");
        JsonNode toppedUp = run("accounts", "topup", id, "1.25", "--note", "invoice 12");
        JsonNode shown = run("accounts", "show", id);
        JsonNode keys = run("keys", "list", "--account", id);

        assertEquals(new BigDecimal("2.5"), account.path("balance_usd").decimalValue());
        assertEquals(3, account.path("concurrency_limit").asInt());
        assertEquals(1200, account.path("rate_limit_per_minute").asInt(), "unset options keep the API's defaults");
        assertTrue(key.path("key").asText().startsWith(key.path("key_id").asText() + ":"));
        assertEquals(new BigDecimal("3.75"), toppedUp.path("balance_usd").decimalValue());
        assertEquals(toppedUp, shown);
        assertEquals(key.path("key_id").asText(), keys.path("keys").get(0).path("key_id").asText());
        assertFalse(keys.toString().contains(key.path("key_secret").asText()), "secrets are never listed");
        assertEquals(200, new QueueClient(LocalCloud.shared().apiUrl(), key.path("key").asText())
                .get("/v1/account/billing").status(), "the new key works");
    }

    @Test
    void aRevokedKeyIsListedAsRevokedAndUsageAnswersFalsShape() throws IOException {
        String id = run("accounts", "create", "Revoking").path("account_id").asText();
        String keyId = run("keys", "create", "--account", id).path("key_id").asText();

        run("keys", "revoke", keyId);

        assertTrue(run("keys", "list", "--account", id).path("keys").get(0).has("revoked_at"));
        JsonNode usage = run("usage", "--account", id, "--timeframe", "hour");
        assertTrue(usage.path("time_series").isArray());
        assertFalse(usage.path("has_more").asBoolean());
    }

    @Test
    void aRefusalIsReportedWithTheApisWords() {
        StringWriter err = new StringWriter();
        CommandLine cli = StickerCli.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int exitCode = cli.execute("accounts", "show", "no-such-account", "--endpoint", api);

        assertEquals(1, exitCode);
        assertTrue(err.toString().contains("(HTTP 404): Account not found"), err.toString());
    }

    private JsonNode run(String... arguments) throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = StickerCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] withEndpoint = new String[arguments.length + 2];
        System.arraycopy(arguments, 0, withEndpoint, 0, arguments.length);
        withEndpoint[arguments.length] = "--endpoint";
        withEndpoint[arguments.length + 1] = api;

        int exitCode = cli.execute(withEndpoint);

        assertEquals(0, exitCode, err.toString());
        return JSON.readTree(out.toString());
    }
}
