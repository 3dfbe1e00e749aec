package dev.sticker.core.aws;

import dev.sticker.core.config.Settings;
import dev.sticker.local.LocalCloud;
import dev.sticker.settings.Config;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** The adapters under test, pointed at the shared local cloud's real DynamoDB, S3 and SQS servers. */
final class LocalAws {

    private static SdkClients clients;

    private LocalAws() {
    }

    /** Built the way a function builds them: from the environment the local cloud publishes. */
    static synchronized SdkClients clients() {
        if (clients == null) {
            LocalCloud.shared();
            clients = new SdkClients(Config.system());
        }
        return clients;
    }

    static DynamoRequestStore requestStore() {
        return new DynamoRequestStore(clients().dynamo(), table());
    }

    /** The requests table the store writes to. */
    static String table() {
        clients();
        return Settings.load().table();
    }

    static S3ObjectStore objectStore() {
        return new S3ObjectStore(clients()::s3, clients()::presigner, Settings.load().bucket());
    }

    static <T> T await(Future<T> future) {
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
