package dev.sticker.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.account.TestAccounts;
import dev.sticker.core.aws.DynamoAccountStore;
import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.aws.LocalAws;
import dev.sticker.core.aws.S3ObjectStore;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.core.aws.SqsJobQueue;
import dev.sticker.core.config.Settings;
import dev.sticker.core.port.GeneratedSticker;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.Retention;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.SubmitService;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.local.LocalCloud;
import dev.sticker.settings.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests made from dropped photos end up under {@code stickers/<name>/} whichever way they complete, against the
 * local cloud's real S3 and DynamoDB (a bucket and a queue of this test's own).
 */
class StickerExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PHOTO = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};

    private static SdkClients clients;
    private static String bucket;
    private static String queueUrl;
    private static S3ObjectStore objects;
    private static DynamoRequestStore store;
    private static IngestService ingest;
    private static Completion completion;

    @BeforeAll
    static void start() {
        LocalCloud.shared();
        clients = new SdkClients(Config.system());
        bucket = "export-" + UUID.randomUUID();
        clients.s3().createBucket(b -> b.bucket(bucket));
        queueUrl = clients.sqs().createQueue(q -> q.queueName("export-" + UUID.randomUUID())).queueUrl();
        objects = new S3ObjectStore(clients::s3, clients::presigner, bucket);
        store = new DynamoRequestStore(clients.dynamo(), Settings.load().table());
        Clock clock = Clock.systemUTC();
        completion = new Completion(store, objects, List.of(new StickerExport(objects)), clock);
        DynamoAccountStore accounts = LocalAws.accountStore();
        ingest = new IngestService(objects, store, new SubmitService(store, objects,
                new SqsJobQueue(clients::sqs, queueUrl), accounts, TestAccounts.PRICING, completion,
                Retention.days(1), clock), new ApiUrls("https://api.example.com"),
                TestAccounts.open(accounts, 1_000_000, 2).accountId());
    }

    @AfterAll
    static void stop() {
        clients.sqs().deleteQueue(q -> q.queueUrl(queueUrl));
    }

    @Test
    void completedRequestIsExportedUnderItsName() throws IOException {
        String name = "team/" + UUID.randomUUID();
        String id = submitted(name);
        byte[] sticker = {1, 2, 3};
        byte[] removed = {4, 5, 6, 7};

        assertTrue(completion.complete(id, new GeneratedSticker(sticker, removed, 64, 48, 9L, false, false), "builtin"));

        assertArrayEquals(sticker, objects.get(DropKeys.sticker(name)).orElseThrow());
        assertArrayEquals(removed, objects.get(DropKeys.stickerBackgroundRemoved(name)).orElseThrow());
        JsonNode result = JSON.readTree(objects.get(DropKeys.result(name)).orElseThrow());
        assertEquals("s3://" + bucket + "/" + DropKeys.sticker(name), result.path("sticker_image").path("url").asText());
        assertEquals("s3://" + bucket + "/" + DropKeys.stickerBackgroundRemoved(name),
                result.path("images").get(1).path("url").asText());
        assertEquals(9, result.path("seed").asLong());
        assertEquals(4, result.path("sticker_image_background_removed").path("file_size").asLong());
        assertTrue(objects.get(DropKeys.error(name)).isEmpty());
    }

    @Test
    void failedRequestLeavesItsErrorBody() throws IOException {
        String name = UUID.randomUUID().toString();
        String id = submitted(name);

        assertTrue(completion.fail(id, Failure.invalidInput("image_url", "value_error.no_face", "No face found")));

        JsonNode error = JSON.readTree(objects.get(DropKeys.error(name)).orElseThrow());
        assertEquals("value_error.no_face", error.path("detail").get(0).path("type").asText());
        assertEquals("No face found", error.path("detail").get(0).path("msg").asText());
        assertTrue(objects.get(DropKeys.result(name)).isEmpty());
    }

    @Test
    void aLostExportIsRedoneWhenTheTriggerIsReplayed() {
        String name = UUID.randomUUID().toString();
        String id = submitted(name);
        completion.fail(id, Failure.cancelled());
        clients.s3().deleteObject(d -> d.bucket(bucket).key(DropKeys.error(name)));

        assertFalse(completion.fail(id, Failure.internal("the dead-letter path, later")));

        assertTrue(objects.get(DropKeys.error(name)).isPresent(), "error.json written again");
    }

    private static String submitted(String name) {
        String key = "incoming/" + name + ".png";
        var put = clients.s3().putObject(p -> p.bucket(bucket).key(key).contentType("image/png")
                .metadata(Map.of("prompt", "a person")), RequestBody.fromBytes(PHOTO));
        DroppedPhoto photo = new DroppedPhoto(bucket, key, put.eTag(), UUID.randomUUID().toString(), PHOTO.length);
        return assertInstanceOf(IngestOutcome.Submitted.class, ingest.ingest(photo)).requestId();
    }
}
