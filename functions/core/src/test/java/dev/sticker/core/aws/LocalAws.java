package dev.sticker.core.aws;

import dev.sticker.core.account.BillingSettings;
import dev.sticker.core.config.Settings;
import dev.sticker.local.LocalCloud;
import dev.sticker.settings.Config;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** The adapters under test, pointed at the shared local cloud's real DynamoDB, S3 and SQS servers. */
public final class LocalAws {

    private static SdkClients clients;

    private LocalAws() {
    }

    /** Built the way a function builds them: from the environment the local cloud publishes. */
    public static synchronized SdkClients clients() {
        if (clients == null) {
            LocalCloud.shared();
            clients = new SdkClients(Config.system());
        }
        return clients;
    }

    public static DynamoRequestStore requestStore() {
        return new DynamoRequestStore(clients().dynamo(), table());
    }

    /** The requests table the store writes to. */
    static String table() {
        clients();
        return Settings.load().table();
    }

    public static S3ObjectStore objectStore() {
        return new S3ObjectStore(clients()::s3, clients()::presigner, Settings.load().bucket());
    }

    public static DynamoAccountStore accountStore() {
        return new DynamoAccountStore(clients().dynamo(), accountStoreTable());
    }

    public static DynamoKeyStore keyStore() {
        return new DynamoKeyStore(clients().dynamo(), accountStoreTable());
    }

    /** Breakers that open after five failures in a row, for a minute. */
    public static DynamoCircuitBreaker circuitBreaker() {
        return new DynamoCircuitBreaker(clients().dynamo(), accountStoreTable(), 5, Duration.ofMinutes(1));
    }

    /** The accounts table: accounts, keys, ledgers, usage and rate windows. */
    static String accountStoreTable() {
        clients();
        return BillingSettings.load().accountsTable();
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
