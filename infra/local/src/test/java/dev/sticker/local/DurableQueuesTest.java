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
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void afterAKillQueuedMessagesAreDeliveredAtOnceAndTheInFlightOneAfterItsVisibilityTimeout(@TempDir Path dataDir)
            throws Exception {
        Instant receivedAt;
        try (CloudProcess killed = CloudProcess.start(dataDir)) {
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

        try (LocalCloud restarted = LocalCloud.start(options(dataDir, false))) {
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

    private static LocalCloudOptions options(Path dataDir, boolean serveFunctions) {
        return new LocalCloudOptions(LocalCloudTest.FIXTURE, dataDir, 0, serveFunctions, Map.of())
                .withVisibilityTimeoutFactor(VISIBILITY_FACTOR);
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

    private static Set<String> bodies(List<Message> messages) {
        return messages.stream().map(Message::body).collect(Collectors.toSet());
    }

    private static int receiveCount(Message message) {
        return Integer.parseInt(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
    }

    /** {@link LocalCloudProcess} in a JVM of its own. */
    private static final class CloudProcess implements AutoCloseable {

        private final Process process;
        private final SqsClient sqs;

        private CloudProcess(Process process, SqsClient sqs) {
            this.process = process;
            this.sqs = sqs;
        }

        /** A cloud that serves no functions, so that the test alone sends and receives. */
        static CloudProcess start(Path dataDir) throws Exception {
            Path errorLog = Files.createTempFile(dataDir, "cloud-process-", ".log");
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"),
                    LocalCloudProcess.class.getName(), LocalCloudTest.FIXTURE.toString(), dataDir.toString(),
                    Double.toString(VISIBILITY_FACTOR), "false");
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
                    return new CloudProcess(process, SqsClient.builder().endpointOverride(endpoint)
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

        /** SIGKILL: nothing of the process runs after it; the dynalite it started must not outlive it either. */
        void kill() throws InterruptedException {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly().waitFor();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(children.stream().anyMatch(ProcessHandle::isAlive), "a killed cloud's dynalite exits too");
        }

        @Override
        public void close() {
            sqs.close();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
