package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.account.KeyAuthenticator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file in events/ through {@code ./sticker invoke FUNCTION -e FILE}, as a user would run it: the CLI's own
 * command, in-process, each invocation against a fresh local cloud, its stdout read as the function's response.
 * A file without a row below fails the test, so a new event is checked from the day it is added.
 */
class SampleEventsInvokeTest {

    /** What one event file is for and what its response must say (a field path to its expected text). */
    record Row(String function, Map<String, String> expected) {
    }

    /**
     * A fresh cloud knows none of the sample request ids or keys, and runs no backend that calls back; its
     * local account (opened by the command, as by {@code ./sticker up}) is the one the sample calls are billed to.
     */
    private static final Map<String, Row> ROWS = Map.ofEntries(
            Map.entry("authorizer.json", new Row("AuthorizerFunction",
                    Map.of("context/denied", KeyAuthenticator.UNKNOWN_KEY))),
            Map.entry("submit.json", new Row("SubmitFunction", Map.of("statusCode", "200", "body/status", "IN_QUEUE"))),
            Map.entry("status.json", new Row("FetchFunction", Map.of("statusCode", "404"))),
            Map.entry("result.json", new Row("FetchFunction", Map.of("statusCode", "404"))),
            Map.entry("cancel.json", new Row("FetchFunction", Map.of("statusCode", "404"))),
            Map.entry("file.json", new Row("FetchFunction", Map.of("statusCode", "404"))),
            Map.entry("billing.json", new Row("PlatformFunction",
                    Map.of("statusCode", "200", "body/credits/currency", "USD"))),
            Map.entry("webhook-callback.json", new Row("WebhookFunction", Map.of("statusCode", "404"))),
            Map.entry("worker-job.json", new Row("WorkerFunction", Map.of("batchItemFailures", "[]"))),
            Map.entry("dead-letter-job.json", new Row("DeadLetterFunction", Map.of("batchItemFailures", "[]"))),
            Map.entry("s3-put.json", new Row("IngestFunction", Map.of("0/key", "incoming/astronaut.png"))),
            Map.entry("sweep.json", new Row("SweeperFunction", Map.of("open", "0", "requeued", "0", "ended", "0"))));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String previousHome;

    @BeforeAll
    static void runFromTheRepository() {
        previousHome = System.setProperty("sticker.home", repository().toString());
    }

    @AfterAll
    static void restoreHome() {
        if (previousHome == null) {
            System.clearProperty("sticker.home");
        } else {
            System.setProperty("sticker.home", previousHome);
        }
    }

    @Test
    void everyEventFileHasARow() throws IOException {
        assertEquals(new TreeSet<>(ROWS.keySet()), new TreeSet<>(eventFiles()),
                "events/*.json and this test's table differ: add a row for each new event file");
    }

    @TestFactory
    Stream<DynamicTest> everyEventFileAnswersThroughStickerInvoke() throws IOException {
        return eventFiles().stream().filter(ROWS::containsKey).map(file -> DynamicTest.dynamicTest(file, () -> {
            Row row = ROWS.get(file);
            JsonNode response = invoke(row.function(), repository().resolve("events").resolve(file));
            for (Map.Entry<String, String> check : row.expected().entrySet()) {
                assertEquals(check.getValue(), text(at(response, check.getKey())),
                        file + " " + check.getKey() + " in " + response);
            }
        }));
    }

    /** Runs the CLI's invoke command and reads its stdout, which carries only the response. */
    private static JsonNode invoke(String function, Path event) throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exitCode;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            exitCode = new CommandLine(new StickerCli()).execute("invoke", function, "-e", event.toString());
        } finally {
            System.setOut(original);
        }
        String output = stdout.toString(StandardCharsets.UTF_8).strip();
        assertEquals(0, exitCode, function + " " + event.getFileName() + " answered " + output);
        assertTrue(!output.isEmpty(), "no response on stdout");
        return JSON.readTree(output);
    }

    /** The node at a slash-separated path; a textual "body" holding JSON (API Gateway's) is read as JSON. */
    private static JsonNode at(JsonNode node, String path) throws IOException {
        JsonNode current = node;
        for (String segment : path.split("/")) {
            current = current.isArray() ? current.path(Integer.parseInt(segment)) : current.path(segment);
            if (segment.equals("body") && current.isTextual()) {
                current = JSON.readTree(current.asText());
            }
        }
        return current;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static List<String> eventFiles() throws IOException {
        try (Stream<Path> files = Files.list(repository().resolve("events"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted()
                    .toList();
        }
    }

    private static Path repository() {
        return Photos.repositoryFile("template.yaml").getParent();
    }
}
