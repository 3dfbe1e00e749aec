package dev.sticker.local;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A local cloud in a process of its own, for tests that kill it: {@code template dataDir visibilityTimeoutFactor
 * serveFunctions sqsConcurrency}. Prints {@code sqs <endpoint>} once it is up, then runs until the process is
 * stopped (a SIGTERM runs the cloud's shutdown hook; a SIGKILL runs nothing).
 */
public final class LocalCloudProcess {

    public static final String READY_PREFIX = "sqs ";

    private LocalCloudProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalCloudOptions options = new LocalCloudOptions(Path.of(args[0]), Path.of(args[1]), 0,
                Boolean.parseBoolean(args[3]), Map.of())
                .withVisibilityTimeoutFactor(Double.parseDouble(args[2]))
                .withSqsConcurrency(Integer.parseInt(args[4]));
        LocalCloud cloud = LocalCloud.start(options);
        System.out.println(READY_PREFIX + cloud.environment().get("STICKER_ENDPOINT_SQS"));
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
