package dev.sticker.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.Callable;

/**
 * {@code ./sticker keys|accounts|usage}: the Platform API's admin routes from the command line, against the local
 * cloud by default or a deployment ({@code --endpoint}, with {@code STICKER_ADMIN_KEY}). Each prints the API's JSON.
 * Options not given are sent as JSON nulls, which the API reads as absent.
 */
final class AdminCommands {

    static final String ADMIN_KEY_VARIABLE = "STICKER_ADMIN_KEY";
    private static final ObjectMapper JSON = new ObjectMapper();

    private AdminCommands() {
    }

    /** Where to call and with which key. */
    static final class Connection {

        @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:3000",
                description = "API base URL (default: ${DEFAULT-VALUE}); the key is $" + ADMIN_KEY_VARIABLE
                        + ", else the local cloud's admin key.")
        URI endpoint;

        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        QueueClient client() {
            return new QueueClient(endpoint, LocalAccount.cliKey(ADMIN_KEY_VARIABLE).orElseThrow(() -> new CliFailure(
                    "no admin key: set " + ADMIN_KEY_VARIABLE + " or start the local cloud with ./sticker up")));
        }

        /** Calls the route and prints its JSON; a refusal is a failure with fal's error text. */
        int print(String what, String method, String path, ObjectNode body) {
            QueueClient.Reply reply = client().call(method, path, body == null ? null : body.toString(), Map.of())
                    .expectOk(what);
            spec.commandLine().getOut().println(reply.body().isEmpty() ? "{}" : reply.json().toPrettyString());
            return 0;
        }
    }

    @Command(name = "keys", mixinStandardHelpOptions = true, description = "Create, list and revoke API keys.",
            subcommands = {CreateKey.class, ListKeys.class, RevokeKey.class})
    static final class Keys {
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "A new key; its secret is shown this once.")
    static final class CreateKey implements Callable<Integer> {
        @Mixin Connection connection;
        @Option(names = "--alias", defaultValue = "default", description = "A name for the key (default: ${DEFAULT-VALUE}).")
        String alias;
        @Option(names = "--scope", defaultValue = "API", description = "API or ADMIN (default: ${DEFAULT-VALUE}).")
        String scope;
        @Option(names = "--account", description = "The account the key bills (default: the admin key's own).")
        String account;

        @Override
        public Integer call() {
            return connection.print("key creation", "POST", "/v1/keys", JSON.createObjectNode().put("alias", alias)
                    .put("scope", scope).put("account_id", account));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Keys (never their secrets).")
    static final class ListKeys implements Callable<Integer> {
        @Mixin Connection connection;
        @Option(names = "--account", description = "Only this account's keys.")
        String account;

        @Override
        public Integer call() {
            return connection.print("key listing", "GET", "/v1/keys" + query("account_id", account), null);
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key.")
    static final class RevokeKey implements Callable<Integer> {
        @Mixin Connection connection;
        @Parameters(paramLabel = "KEY_ID")
        String keyId;

        @Override
        public Integer call() {
            return connection.print("revocation", "DELETE", "/v1/keys/" + keyId, null);
        }
    }

    @Command(name = "accounts", mixinStandardHelpOptions = true,
            description = "Open accounts, show them and add credit.",
            subcommands = {CreateAccount.class, ShowAccount.class, TopUp.class})
    static final class Accounts {
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Open an account with prepaid credit.")
    static final class CreateAccount implements Callable<Integer> {
        @Mixin Connection connection;
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--credits", defaultValue = "0", description = "Opening credit in USD (default: ${DEFAULT-VALUE}).")
        BigDecimal credits;
        @Option(names = "--id", description = "The account id (default: a new one).")
        String id;
        @Option(names = "--concurrency", description = "Requests it may run at once (default: 2).")
        Integer concurrency;
        @Option(names = "--rate", description = "Calls per key and minute (default: 1200).")
        Integer rate;

        @Override
        public Integer call() {
            return connection.print("account creation", "POST", "/v1/accounts", JSON.createObjectNode()
                    .put("name", name).put("credits_usd", credits).put("account_id", id)
                    .put("concurrency_limit", concurrency).put("rate_limit_per_minute", rate));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Balance, reserved credit and limits.")
    static final class ShowAccount implements Callable<Integer> {
        @Mixin Connection connection;
        @Parameters(paramLabel = "ACCOUNT_ID")
        String accountId;

        @Override
        public Integer call() {
            return connection.print("account", "GET", "/v1/accounts/" + accountId, null);
        }
    }

    @Command(name = "topup", mixinStandardHelpOptions = true,
            description = "Add credit (a negative amount corrects it down).")
    static final class TopUp implements Callable<Integer> {
        @Mixin Connection connection;
        @Parameters(index = "0", paramLabel = "ACCOUNT_ID")
        String accountId;
        @Parameters(index = "1", paramLabel = "USD")
        BigDecimal amount;
        @Option(names = "--note", description = "Why, for the ledger.")
        String note;

        @Override
        public Integer call() {
            return connection.print("top-up", "POST", "/v1/accounts/" + accountId + "/credits",
                    JSON.createObjectNode().put("amount_usd", amount).put("note", note));
        }
    }

    @Command(name = "usage", mixinStandardHelpOptions = true,
            description = "Charged usage per day (or hour), per key alias, in fal's shape.")
    static final class Usage implements Callable<Integer> {
        @Mixin Connection connection;
        @Option(names = "--account", description = "One account (default: all).")
        String account;
        @Option(names = "--start", description = "ISO date or time (default: 30 days before the end).")
        String start;
        @Option(names = "--end", description = "ISO date or time (default: now).")
        String end;
        @Option(names = "--timeframe", defaultValue = "day", description = "day or hour (default: ${DEFAULT-VALUE}).")
        String timeframe;

        @Override
        public Integer call() {
            return connection.print("usage", "GET", "/v1/models/usage"
                    + query("account_id", account, "start", start, "end", end, "timeframe", timeframe), null);
        }
    }

    /** {@code ?name=value&...} of the names and values given in pairs, leaving out null values. */
    private static String query(String... pairs) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                query.add(pairs[i] + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }
}
