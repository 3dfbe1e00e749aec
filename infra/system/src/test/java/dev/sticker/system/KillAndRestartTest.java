package dev.sticker.system;

import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's {@code ./sticker up} killed with {@code kill -9} while six requests are in flight, one of them rendering:
 * started again on the same data directory, every one of the six completes, once, within two minutes of the restart,
 * and each is charged once. The restarted cloud runs the sweeper every 15 seconds instead of every minute, so the test
 * is quick; docs/RELIABILITY.md gives the times with the template's schedule.
 */
class KillAndRestartTest {

    /** A 512 x 512 sticker: 0.262144 megapixels at 0.02 USD. */
    private static final BigDecimal SQUARE_PRICE = new BigDecimal("0.005243");
    private static final String SQUARE = "{\"image_url\":\"" + Photos.dataUri("image/png", Photos.astronautPng())
            + "\",\"prompt\":\"a person\",\"image_size\":\"square\"}";

    @TempDir
    Path dataDir;

    @Test
    void sixRequestsInFlightAllCompleteOnceAfterAKillAndARestart() throws Exception {
        int port = TestClouds.freePort();
        Process up = start(port);
        List<String> ids = new ArrayList<>();
        String accountId;
        String customerKey;
        try {
            String key = awaitReady(up);
            QueueClient admin = new QueueClient(URI.create("http://127.0.0.1:" + port), key);
            accountId = admin.post("/v1/accounts", "{\"name\":\"crash\",\"credits_usd\":1,\"concurrency_limit\":2}",
                    Map.of()).expectOk("account").text("account_id");
            customerKey = admin.post("/v1/keys", "{\"account_id\":\"" + accountId + "\"}", Map.of())
                    .expectOk("key").text("key");
            QueueClient customer = admin.withKey(customerKey);
            for (int i = 0; i < 6; i++) {
                ids.add(customer.submit(SQUARE).expectOk("submit").text("request_id"));
            }
            awaitRendering(customer, ids.get(0));
        } finally {
            up.descendants().forEach(ProcessHandle::destroyForcibly);
            up.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        try (LocalCloud restarted = LocalCloud.start(new LocalCloudOptions(TestClouds.template(), dataDir, port, true,
                Map.of()).withSchedulePeriod(Duration.ofSeconds(15)))) {
            long restartedAt = System.nanoTime();
            QueueClient customer = new QueueClient(restarted.apiUrl(), customerKey);
            for (String id : ids) {
                Duration left = Duration.ofMinutes(2).minusNanos(System.nanoTime() - restartedAt);
                assertEquals("COMPLETED", customer.awaitCompleted(id, left, Duration.ofMillis(500), s -> { })
                        .text("status"), "request " + id);
            }
            assertTrue(Duration.ofNanos(System.nanoTime() - restartedAt).compareTo(Duration.ofMinutes(2)) <= 0);
            for (String id : ids) {
                assertEquals(200, customer.result(id).status(), "request " + id + " has its sticker");
            }
            QueueClient admin = new QueueClient(restarted.apiUrl(), LocalAccount.ensure(restarted));
            BigDecimal balance = TestKeys.settledAccount(admin, accountId).path("balance_usd").decimalValue();
            assertEquals(BigDecimal.ONE.subtract(SQUARE_PRICE.multiply(BigDecimal.valueOf(6))), balance,
                    "six stickers, each charged once");
        }
    }

    private Process start(int port) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CloudProcess.class.getName(),
                TestClouds.template().toString(), dataDir.toString(), Integer.toString(port));
        return new ProcessBuilder(command).redirectError(Files.createTempFile("up-", ".log").toFile()).start();
    }

    private static String awaitReady(Process up) throws InterruptedException {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(up.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    lines.add(line);
                }
            } catch (IOException ended) {
                // The process was killed.
            }
        }, "up-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line != null && line.startsWith(CloudProcess.READY_PREFIX)) {
                return line.substring(CloudProcess.READY_PREFIX.length());
            }
        }
        throw new AssertionError("the cloud process did not start");
    }

    /** Waits until the request is being rendered: the moment to pull the plug. */
    private static void awaitRendering(QueueClient api, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = null;
        while (System.nanoTime() < deadline) {
            status = api.status(id).text("status");
            if (!"IN_QUEUE".equals(status)) {
                break;
            }
            QueueClient.pause(Duration.ofMillis(50));
        }
        assertNotNull(status);
        assertEquals("IN_PROGRESS", status, "killed while the first one renders");
    }
}
