package dev.sticker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.sticker.local.template.TemplateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LocalCloudLifecycleTest {

    @Test
    void dataSurvivesRestartAndCloseStopsEveryServer(@TempDir Path dataDir) {
        LocalCloudOptions options = new LocalCloudOptions(LocalCloudTest.FIXTURE, dataDir, 0, false,
                Map.of("Greeting", "hi"));
        String secret;
        URI dynamoDb;
        URI s3;
        try (LocalCloud first = LocalCloud.start(options)) {
            secret = first.environment().get("STICKER_CALLBACK_SECRET");
            dynamoDb = URI.create(first.environment().get("STICKER_ENDPOINT_DYNAMODB"));
            s3 = URI.create(first.environment().get("STICKER_ENDPOINT_S3"));
            assertEquals("hi from sticker-local in us-east-1", first.environment().get("TEST_GREETING"));
            assertThrows(IllegalStateException.class, first::apiUrl);
            first.clients().dynamoDb().putItem(b -> b.tableName(first.physicalName("ItemsTable"))
                    .item(Map.of("id", AttributeValue.fromS("kept"))));
            first.clients().s3().putObject(b -> b.bucket(first.physicalName("FilesBucket")).key("kept.txt"),
                    RequestBody.fromString("still here"));
            assertTrue(answers(dynamoDb));
        }
        assertFalse(answers(dynamoDb), "dynalite still answers after close");
        assertFalse(answers(s3), "S3 still answers after close");
        assertTrue(Files.isDirectory(dataDir), "a persistent data directory is kept");

        try (LocalCloud second = LocalCloud.start(options)) {
            assertEquals(secret, second.environment().get("STICKER_CALLBACK_SECRET"));
            Map<String, AttributeValue> item = second.clients().dynamoDb().getItem(b -> b
                    .tableName(second.physicalName("ItemsTable")).key(Map.of("id", AttributeValue.fromS("kept")))).item();
            assertEquals("kept", item.get("id").s());
            assertEquals("still here", second.clients().s3().getObjectAsBytes(b -> b
                    .bucket(second.physicalName("FilesBucket")).key("kept.txt")).asUtf8String());
        }
    }

    @Test
    void secondCloudOnTheSameDataDirectoryIsRefusedClearly(@TempDir Path dataDir) {
        LocalCloudOptions options = new LocalCloudOptions(LocalCloudTest.FIXTURE, dataDir, 0, false, Map.of());
        try (LocalCloud first = LocalCloud.start(options)) {
            IllegalStateException failure = assertThrows(IllegalStateException.class, () -> LocalCloud.start(options));
            assertTrue(failure.getMessage().contains("same data directory"), failure.getMessage());
            assertTrue(first.clients().dynamoDb().listTables().tableNames().contains("sticker-local-ItemsTable"));
        }
    }

    @Test
    void ephemeralDataDirectoryIsDeletedOnClose() {
        Path dataDir;
        try (LocalCloud cloud = LocalCloud.start(new LocalCloudOptions(LocalCloudTest.FIXTURE, null, 0, false, Map.of()))) {
            dataDir = cloud.dataDir();
            assertTrue(Files.isDirectory(dataDir));
        }
        assertFalse(Files.exists(dataDir));
    }

    @Test
    void functionsDisagreeingOnAVariableStopTheStart() {
        TemplateException failure = assertThrows(TemplateException.class, () -> LocalCloud.start(
                new LocalCloudOptions(Path.of("src/test/resources/conflicting-template.yaml"), null, 0, false, Map.of())));
        assertTrue(failure.getMessage().contains("MODE"), failure.getMessage());
        assertTrue(failure.getMessage().contains("FirstFunction") && failure.getMessage().contains("SecondFunction"));
    }

    @Test
    void unknownParameterOverrideIsRefused() {
        TemplateException failure = assertThrows(TemplateException.class, () -> LocalCloud.start(
                new LocalCloudOptions(LocalCloudTest.FIXTURE, null, 0, false, Map.of("Colour", "red"))));
        assertTrue(failure.getMessage().contains("Colour"), failure.getMessage());
    }

    private static boolean answers(URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
