package dev.sticker.system;

import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system in a process of its own, as {@code ./sticker up} runs it, for tests that kill it:
 * {@code template dataDir apiPort}. Prints {@code ready <local admin key>} once it serves, then runs until the process
 * is stopped.
 */
public final class CloudProcess {

    public static final String READY_PREFIX = "ready ";

    private CloudProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalCloud cloud = LocalCloud.start(new LocalCloudOptions(Path.of(args[0]), Path.of(args[1]),
                Integer.parseInt(args[2]), true, Map.of()));
        System.out.println(READY_PREFIX + LocalAccount.ensure(cloud));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
