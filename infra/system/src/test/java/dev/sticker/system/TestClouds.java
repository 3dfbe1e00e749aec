package dev.sticker.system;

import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.core.aws.SqsJobQueue;
import dev.sticker.core.config.Settings;
import dev.sticker.local.LocalCloud;
import dev.sticker.settings.Config;
import dev.sticker.settings.Setting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

/** What the test classes that need a local cloud of their own (other options than the shared one) start it from. */
final class TestClouds {

    private TestClouds() {
    }

    /** The template under test: system property sticker.template (as for the shared cloud), else the repository's. */
    static Path template() {
        String configured = System.getProperty("sticker.template");
        return configured != null ? Path.of(configured) : Photos.repositoryFile("template.yaml");
    }

    /** A loopback port free right now, for servers whose URL must be known before they start. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The requests table of {@code cloud}, as its functions see it. */
    static DynamoRequestStore requests(LocalCloud cloud) {
        Config config = Config.of(cloud.environment()::get);
        return new DynamoRequestStore(new SdkClients(config).dynamo(), Settings.from(config).table());
    }

    /** Puts a job message for the request on {@code cloud}'s job queue, as a redelivery or a check would arrive. */
    static void sendJob(LocalCloud cloud, String requestId) {
        new SqsJobQueue(() -> cloud.clients().sqs(), cloud.environment().get(Setting.JOB_QUEUE_URL.variable()))
                .enqueue(requestId, Duration.ZERO);
    }
}
