package dev.sticker.system;

import dev.sticker.core.account.AccountAdmin;
import dev.sticker.core.account.BillingSettings;
import dev.sticker.core.account.KeySecrets;
import dev.sticker.core.account.Micros;
import dev.sticker.core.account.Scope;
import dev.sticker.core.aws.DynamoAccountStore;
import dev.sticker.core.aws.DynamoKeyStore;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.local.LocalCloud;
import dev.sticker.settings.Config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Optional;

/**
 * The local cloud's own account, {@code local}: opened on first start with 100 USD of credit and limits no test or
 * benchmark reaches, with an ADMIN key kept in the data directory (file {@code admin-key}, readable by its owner
 * only), so that every start of the same data directory answers to the same key.
 */
public final class LocalAccount {

    public static final String ID = "local";
    public static final String KEY_FILE = "admin-key";
    private static final BigDecimal OPENING_CREDIT_USD = new BigDecimal("100");
    private static final int CONCURRENCY_LIMIT = 1000;
    private static final int RATE_LIMIT_PER_MINUTE = 1_000_000;

    private LocalAccount() {
    }

    /** The local ADMIN key, {@code key_id:key_secret}: the kept one while it is valid, else a new one, kept. */
    public static synchronized String ensure(LocalCloud cloud) {
        Path file = cloud.dataDir().resolve(KEY_FILE);
        // The cloud's own environment: another cloud of this JVM may have published its own since.
        Config config = Config.of(cloud.environment()::get);
        SdkClients clients = new SdkClients(config);
        String table = BillingSettings.from(config).accountsTable();
        DynamoAccountStore accounts = new DynamoAccountStore(clients.dynamo(), table);
        DynamoKeyStore keys = new DynamoKeyStore(clients.dynamo(), table);
        Optional<KeySecrets.Credentials> kept = read(file);
        if (kept.isPresent() && keys.find(kept.get().keyId()).filter(key -> !key.revoked()).isPresent()) {
            return kept.get().key();
        }
        AccountAdmin admin = new AccountAdmin(accounts, keys, Clock.systemUTC());
        admin.open(new AccountAdmin.Opening(ID, "Local development", Micros.fromUsd(OPENING_CREDIT_USD),
                CONCURRENCY_LIMIT, RATE_LIMIT_PER_MINUTE));
        KeySecrets.Credentials issued = admin.issueKey(ID, "local-admin", Scope.ADMIN).orElseThrow().credentials();
        write(file, issued.key());
        return issued.key();
    }

    /**
     * The key the CLI sends: the environment variable's value when it is set (a key for a deployment), else the
     * local cloud's kept key, else none.
     */
    static Optional<String> cliKey(String variable) {
        String given = System.getenv(variable);
        if (given != null && !given.isBlank()) {
            return Optional.of(given.strip());
        }
        return read(StickerCli.home().resolve(".sticker").resolve(KEY_FILE)).map(KeySecrets.Credentials::key);
    }

    /** The key kept in a data directory, if there is one. */
    public static Optional<KeySecrets.Credentials> read(Path file) {
        try {
            return Files.isRegularFile(file)
                    ? KeySecrets.parseKey(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path file, String key) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
