package dev.sticker.system;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.settings.Config;
import dev.sticker.settings.Setting;
import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.config.Settings;
import dev.sticker.core.ingest.IngestOutcome;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.local.LocalCloud;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Photos dropped into the bucket's incoming/ folder, end to end: S3 put → S3 event notification → Ingest λ → queue →
 * Worker λ → stickers/<name>/ in the same bucket.
 */
class DropBoxTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = LifecycleTest.RENDER_TIMEOUT;

    private static LocalCloud cloud;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void startCloud() {
        cloud = LocalCloud.shared();
        // Drops are billed to the template's ingest account, which the operator opens.
        TestKeys.open(cloud, cloud.environment().get(Setting.INGEST_ACCOUNT.variable()), "100", 1000, 100_000);
        s3 = cloud.clients().s3();
        bucket = cloud.physicalName("StickerBucket");
    }

    @Test
    void photoDroppedWithItsPromptInMetadataBecomesStickersUnderItsName() throws IOException {
        s3.putObject(put -> put.bucket(bucket).key("incoming/astronaut.png").contentType("image/png")
                        .metadata(Map.of("prompt", "a person, vibrant, gold outline", "image-size", "square")),
                RequestBody.fromBytes(Photos.astronautPng()));

        JsonNode result = JSON.readTree(awaitObject("stickers/astronaut/result.json"));

        assertEquals("s3://" + bucket + "/stickers/astronaut/sticker.png", result.path("sticker_image").path("url").asText());
        assertEquals("s3://" + bucket + "/stickers/astronaut/sticker_background_removed.png",
                result.path("sticker_image_background_removed").path("url").asText());
        assertPng(object("stickers/astronaut/sticker.png").orElseThrow(), result.path("sticker_image"));
        BufferedImage cutOut = assertPng(object("stickers/astronaut/sticker_background_removed.png").orElseThrow(),
                result.path("sticker_image_background_removed"));
        assertEquals(0, cutOut.getRGB(0, 0) >>> 24, "the background is removed");
        assertEquals(512, cutOut.getWidth(), "image-size square from the metadata");
        assertEquals(Optional.empty(), object("stickers/astronaut/error.json"));
    }

    @Test
    void photoWithoutAFaceLeavesTheNoFaceError() throws IOException {
        s3.putObject(put -> put.bucket(bucket).key("incoming/chelsea.png").contentType("image/png")
                .metadata(Map.of("prompt", "a cat")), RequestBody.fromBytes(Photos.catPng()));

        JsonNode error = JSON.readTree(awaitObject("stickers/chelsea/error.json"));

        assertEquals("value_error.no_face", error.path("detail").get(0).path("type").asText(), error.toString());
        assertEquals(List.of("body", "image_url"), List.of(error.path("detail").get(0).path("loc").get(0).asText(),
                error.path("detail").get(0).path("loc").get(1).asText()));
    }

    @Test
    void theSameEventDeliveredTwiceCreatesOneRequest() {
        String key = "incoming/twice-" + UUID.randomUUID() + ".png";
        var put = s3.putObject(p -> p.bucket(bucket).key(key).contentType("image/png")
                .metadata(Map.of("prompt", "a cat")), RequestBody.fromBytes(Photos.catPng()));
        S3Event event = putEvent(key, put.eTag(), Photos.catPng().length);

        List<?> first = (List<?>) cloud.function("IngestFunction").invoke(event);
        List<?> second = (List<?>) cloud.function("IngestFunction").invoke(event);

        String id = assertInstanceOf(IngestOutcome.Submitted.class, first.get(0)).requestId();
        assertEquals(List.of(new IngestOutcome.Duplicate(key, id)), second);
        SdkClients aws = new SdkClients(Config.system());
        StickerRequest request = new DynamoRequestStore(aws.dynamo(), Settings.load().table()).find(id).orElseThrow();
        assertEquals(cloud.environment().get(Setting.INGEST_ACCOUNT.variable()), request.billing().accountId());
    }

    private static BufferedImage assertPng(byte[] png, JsonNode described) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "a decodable PNG");
        assertEquals(described.path("width").asInt(), image.getWidth());
        assertEquals(described.path("height").asInt(), image.getHeight());
        assertEquals(described.path("file_size").asLong(), png.length);
        return image;
    }

    /** The event S3 sends for a put, with a sequencer of its own (not the one the local S3 already sent). */
    private static S3Event putEvent(String key, String eTag, long size) {
        var owner = new S3EventNotification.UserIdentityEntity("test");
        var object = new S3EventNotification.S3ObjectEntity(key, size, eTag.replace("\"", ""), null,
                Long.toHexString(System.nanoTime()).toUpperCase(Locale.ROOT));
        var entity = new S3EventNotification.S3Entity("test", new S3EventNotification.S3BucketEntity(bucket, owner,
                "arn:aws:s3:::" + bucket), object, "1.0");
        return new S3Event(new ArrayList<>(List.of(new S3EventNotification.S3EventNotificationRecord("us-east-1",
                "ObjectCreated:Put", "aws:s3", Instant.now().toString(), "2.1",
                new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity("id2", "request"), entity, owner))));
    }

    private static byte[] awaitObject(String key) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<byte[]> found = object(key);
            if (found.isPresent()) {
                return found.get();
            }
            QueueClient.pause(Duration.ofMillis(250));
        }
        throw new AssertionError(key + " did not appear within " + DEADLINE);
    }

    private static Optional<byte[]> object(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(get -> get.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        }
    }
}
