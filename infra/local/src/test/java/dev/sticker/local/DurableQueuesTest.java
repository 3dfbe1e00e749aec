package dev.sticker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Queues kept in the data directory: what a killed or stopped cloud leaves is there at the next start. */
class DurableQueuesTest {

    /** WorkQueue declares 40 s: 15 s, long enough to outlast a restart. */
    private static final double VISIBILITY_FACTOR = 0.375;
    private static final Duration WORK_VISIBILITY = Duration.ofSeconds(15);
    private static final String WORK_QUEUE = "sticker-local-WorkQueue";
    private static final String SLOW_QUEUE = "sticker-local-SlowQueue";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void afterAKillQueuedMessagesAreDeliveredAtOnceAndTheInFlightOneAfterItsVisibilityTimeout(@TempDir Path dataDir)
            throws Exception {
        Instant receivedAt;
        try (CloudProcess killed = CloudProcess.start(dataDir, false, false)) {
            SqsClient sqs = killed.sqs();
            String queue = sqs.getQueueUrl(b -> b.queueName(WORK_QUEUE)).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("in flight"));
            List<Message> inFlight = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(1)).messages();
            receivedAt = Instant.now();
            assertEquals("in flight", inFlight.get(0).body());
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("queued 1"));
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("queued 2"));

            killed.kill();
        }

        try (LocalCloud restarted = LocalCloud.start(options(dataDir, false, 1))) {
            SqsClient sqs = restarted.clients().sqs();
            String queue = restarted.physicalName("WorkQueue");
            List<Message> atOnce = receiveAll(sqs, queue);
            boolean withinVisibility = Instant.now().isBefore(receivedAt.plus(WORK_VISIBILITY).minusSeconds(1));
            assertEquals(Set.of("queued 1", "queued 2"), bodies(atOnce), "queued messages come back at once");
            assertTrue(atOnce.stream().allMatch(m -> receiveCount(m) == 1));
            assertTrue(withinVisibility, "the restart outlasted the visibility timeout; the test cannot tell");

            Message redelivered = awaitMessage(sqs, queue, Duration.ofSeconds(30));
            Duration invisibleFor = Duration.between(receivedAt, Instant.now());
            assertEquals("in flight", redelivered.body());
            assertEquals(2, receiveCount(redelivered));
            assertTrue(invisibleFor.compareTo(WORK_VISIBILITY.minusSeconds(1)) >= 0,
                    "visible again after " + invisibleFor.toMillis() + " ms");

            // The template's attributes still hold for the restored queue.
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(queue)
                    .attributeNames(QueueAttributeName.ALL)).attributes();
            assertEquals(Long.toString(WORK_VISIBILITY.toSeconds()), attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
            JsonNode redrive = JSON.readTree(attributes.get(QueueAttributeName.REDRIVE_POLICY));
            assertEquals("arn:aws:sqs:us-east-1:000000000000:sticker-local-WorkDeadLetterQueue",
                    redrive.get("deadLetterTargetArn").asText());
            assertEquals(2, redrive.get("maxReceiveCount").asInt());
        }
    }

    @Test
    void closeLetsTheRunningInvocationFinishAndLeavesTheRestQueued(@TempDir Path dataDir) throws Exception {
        String running = "close-running 2000";
        Duration closing;
        try (LocalCloud cloud = LocalCloud.start(options(dataDir, true, 1))) {
            SqsClient sqs = cloud.clients().sqs();
            String queue = cloud.physicalName("SlowQueue");
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody(running));
            LocalCloudTest.awaitTrue(() -> SlowHandler.STARTED.contains(running), Duration.ofSeconds(10));
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("close-waiting-1 10"));
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("close-waiting-2 10"));

            long started = System.nanoTime();
            cloud.close();
            closing = Duration.ofNanos(System.nanoTime() - started);
        }
        assertTrue(SlowHandler.FINISHED.contains(running), "the running invocation finished");
        assertTrue(closing.compareTo(LocalCloudOptions.DEFAULT_STOP_GRACE) < 0, "closed in " + closing);
        assertFalse(SlowHandler.STARTED.stream().anyMatch(body -> body.startsWith("close-waiting")));

        try (LocalCloud restarted = LocalCloud.start(options(dataDir, false, 1))) {
            SqsClient sqs = restarted.clients().sqs();
            String queue = restarted.physicalName("SlowQueue");
            assertEquals("0", notVisible(sqs, queue), "the finished message was deleted, not left in flight");
            assertEquals(Set.of("close-waiting-1 10", "close-waiting-2 10"), bodies(receiveAll(sqs, queue)));
        }
    }

    /** Ctrl-C signals the whole process group: the JVM and its dynalite. */
    @Test
    @EnabledOnOs(OS.LINUX)
    void ctrlCLetsTheRunningInvocationFinishBeforeTheProcessExits(@TempDir Path dataDir) throws Exception {
        try (CloudProcess interrupted = CloudProcess.start(dataDir, true, true)) {
            SqsClient sqs = interrupted.sqs();
            String queue = sqs.getQueueUrl(b -> b.queueName(SLOW_QUEUE)).queueUrl();
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("interrupted-running 3000"));
            LocalCloudTest.awaitTrue(() -> "1".equals(notVisible(sqs, queue)), Duration.ofSeconds(10));
            sqs.sendMessage(b -> b.queueUrl(queue).messageBody("interrupted-waiting 10"));

            List<ProcessHandle> children = interrupted.children();
            interrupted.interruptProcessGroup();

            Thread.sleep(1_000);
            assertTrue(children.stream().allMatch(ProcessHandle::isAlive), "dynalite serves the finishing invocation");
            assertTrue(interrupted.awaitExit(Duration.ofSeconds(40)), "the process exits after its grace");
            assertFalse(children.stream().anyMatch(ProcessHandle::isAlive), "and stops its dynalite");
            assertTrue(interrupted.errorOutput().contains("waiting up to 30 s for 1 running invocation"),
                    interrupted.errorOutput());
        }

        try (LocalCloud restarted = LocalCloud.start(options(dataDir, false, 1))) {
            SqsClient sqs = restarted.clients().sqs();
            String queue = restarted.physicalName("SlowQueue");
            assertEquals("0", notVisible(sqs, queue), "the running message was handled and deleted");
            assertEquals(Set.of("interrupted-waiting 10"), bodies(receiveAll(sqs, queue)));
        }
    }

    private static LocalCloudOptions options(Path dataDir, boolean serveFunctions, int sqsConcurrency) {
        return new LocalCloudOptions(LocalCloudTest.FIXTURE, dataDir, 0, serveFunctions, Map.of())
                .withVisibilityTimeoutFactor(VISIBILITY_FACTOR)
                .withSqsConcurrency(sqsConcurrency);
    }

    private static List<Message> receiveAll(SqsClient sqs, String queue) {
        List<Message> received = new ArrayList<>();
        List<Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            received.addAll(batch);
        } while (!batch.isEmpty());
        return received;
    }

    private static Message awaitMessage(SqsClient sqs, String queue, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(1)
                    .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
            if (!messages.isEmpty()) {
                return messages.get(0);
            }
        }
        throw new AssertionError("no message within " + timeout);
    }

    private static String notVisible(SqsClient sqs, String queue) {
        return sqs.getQueueAttributes(b -> b.queueUrl(queue)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
    }

    private static Set<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::body).collect(Collectors.toSet());
    }

    private static int receiveCount(Message message) {
        return Integer.parseInt(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    }

    /** {@link LocalCloudProcess} in a JVM of its own, with one SQS poller per event. */
    private static final class CloudProcess implements AutoCloseable {

        private final Process process;
        private final Path errorLog;
        private final SqsClient sqs;

        private CloudProcess(Process process, Path errorLog, SqsClient sqs) {
            this.process = process;
            this.errorLog = errorLog;
            this.sqs = sqs;
        }

        /** With {@code ownSession} the process leads a process group of its own (setsid), which Ctrl-C needs. */
        static CloudProcess start(Path dataDir, boolean serveFunctions, boolean ownSession) throws Exception {
            Path errorLog = Files.createTempFile(dataDir, "cloud-process-", ".log");
            List<String> command = new ArrayList<>();
            if (ownSession) {
                command.add("setsid");
            }
            command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    LocalCloudProcess.class.getName(), LocalCloudTest.FIXTURE.toString(), dataDir.toString(),
                    Double.toString(VISIBILITY_FACTOR), Boolean.toString(serveFunctions), "1"));
            Process process = new ProcessBuilder(command).redirectError(errorLog.toFile()).start();
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader output = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = output.readLine(); line != null; line = output.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException closed) {
                    lines.add("");
                }
            }, "cloud-process-output");
            reader.setDaemon(true);
            reader.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && process.isAlive()) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(LocalCloudProcess.READY_PREFIX)) {
                    URI endpoint = URI.create(line.substring(LocalCloudProcess.READY_PREFIX.length()));
                    return new CloudProcess(process, errorLog, SqsClient.builder().endpointOverride(endpoint)
                            .region(Region.US_EAST_1)
                            .credentialsProvider(StaticCredentialsProvider.create(
                                    AwsBasicCredentials.create(LocalClients.ACCESS_KEY_ID, LocalClients.SECRET_ACCESS_KEY)))
                            .httpClient(UrlConnectionHttpClient.create())
                            .build());
                }
            }
            process.destroyForcibly();
            throw new AssertionError("the cloud process did not start: " + Files.readString(errorLog));
        }

        SqsClient sqs() {
            return sqs;
        }

        List<ProcessHandle> children() {
            return process.descendants().toList();
        }

        /** SIGKILL: nothing of the process runs after it; the dynalite it started must not outlive it either. */
        void kill() throws InterruptedException {
            List<ProcessHandle> children = children();
            process.destroyForcibly().waitFor();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(children.stream().anyMatch(ProcessHandle::isAlive), "a killed cloud's dynalite exits too");
        }

        /** SIGINT to the process group, as a Ctrl-C in the terminal sends it. */
        void interruptProcessGroup() throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + process.pid()).inheritIO().start();
            assertEquals(0, kill.waitFor());
        }

        boolean awaitExit(Duration timeout) throws InterruptedException {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        String errorOutput() throws IOException {
            return Files.readString(errorLog);
        }

        @Override
        public void close() {
            sqs.close();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
