package dev.sticker.core.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.account.TestAccounts;
import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.aws.JobMessage;
import dev.sticker.core.aws.LocalAws;
import dev.sticker.core.aws.S3ObjectStore;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.core.aws.SqsJobQueue;
import dev.sticker.core.config.Settings;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.input.StickerInput;
import dev.sticker.core.request.ObjectKeys;
import dev.sticker.core.request.Retention;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.SubmitService;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.local.LocalCloud;
import dev.sticker.settings.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Dropped photos against the local cloud's real S3, DynamoDB and SQS, in a bucket and a queue of this test's own (so
 * neither the cloud's ingest nor its worker reacts).
 */
class IngestServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ApiUrls URLS = new ApiUrls("https://api.example.com/v1");
    private static final byte[] PHOTO = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};

    private static SdkClients clients;
    private static String bucket;
    private static S3ObjectStore objects;
    private static DynamoRequestStore store;
    private final String accountId = TestAccounts.open(LocalAws.accountStore(), 1_000_000, 2).accountId();
    private String queueUrl;
    private SubmitService submissions;
    private IngestService ingest;

    @BeforeAll
    static void start() {
        LocalCloud.shared();
        clients = new SdkClients(Config.system());
        bucket = "ingest-" + UUID.randomUUID();
        clients.s3().createBucket(b -> b.bucket(bucket));
        objects = new S3ObjectStore(clients::s3, clients::presigner, bucket);
        store = new DynamoRequestStore(clients.dynamo(), Settings.load().table());
    }

    /** A queue per test, so each sees exactly the jobs it caused. */
    @BeforeEach
    void newQueue() {
        queueUrl = clients.sqs().createQueue(q -> q.queueName("ingest-" + UUID.randomUUID())).queueUrl();
        Clock clock = Clock.systemUTC();
        submissions = new SubmitService(store, objects, new SqsJobQueue(clients::sqs, queueUrl),
                LocalAws.accountStore(), TestAccounts.PRICING, new Completion(store, objects, List.of(), clock),
                Retention.days(1), clock);
        ingest = new IngestService(objects, store, submissions, URLS, accountId);
    }

    @AfterEach
    void deleteQueue() {
        clients.sqs().deleteQueue(q -> q.queueUrl(queueUrl));
    }

    @Test
    void photoWithMetadataBecomesAQueuedRequestOwnedByS3ReadingItsOwnCopy() {
        DroppedPhoto photo = drop("incoming/" + UUID.randomUUID() + ".png",
                Map.of("prompt", "a person, gold outline", "seed", "42", "image-size", "square"));

        IngestOutcome.Submitted submitted = assertInstanceOf(IngestOutcome.Submitted.class, ingest.ingest(photo));

        StickerRequest request = store.find(submitted.requestId()).orElseThrow();
        assertEquals(Status.IN_QUEUE, request.status());
        assertEquals(accountId, request.billing().accountId(), "billed to the ingest account");
        StickerInput input = InputSchema.fromStoredJson(request.inputJson());
        assertEquals("a person, gold outline", input.prompt());
        assertEquals(42L, input.seed());
        assertEquals("square", input.imageSize().preset());
        assertEquals(URLS.fileUrl(ObjectKeys.input(request.id())), input.imageUrl());
        assertArrayEquals(PHOTO, objects.get(ObjectKeys.input(request.id())).orElseThrow());
        assertTrue(queuedJobIds().contains(request.id()), "the job was queued");
    }

    @Test
    void theSameEventDeliveredTwiceCreatesOneRequest() {
        DroppedPhoto photo = drop("incoming/" + UUID.randomUUID() + ".jpg", Map.of("prompt", "a person"));

        IngestOutcome first = ingest.ingest(photo);
        IngestOutcome second = ingest.ingest(photo);

        String id = assertInstanceOf(IngestOutcome.Submitted.class, first).requestId();
        assertEquals(new IngestOutcome.Duplicate(photo.key(), id), second);
        assertEquals(1, queuedJobIds().stream().filter(id::equals).count(), "one job");
    }

    @Test
    void sidecarWinsOverMetadata() {
        String name = UUID.randomUUID().toString();
        objects.put(DropKeys.sidecar(name), "{\"prompt\":\"from the sidecar\",\"num_inference_steps\":12}"
                .getBytes(StandardCharsets.UTF_8), "application/json");
        DroppedPhoto photo = drop("incoming/" + name + ".webp", Map.of("prompt", "from the metadata"));

        String id = assertInstanceOf(IngestOutcome.Submitted.class, ingest.ingest(photo)).requestId();

        StickerInput input = InputSchema.fromStoredJson(store.find(id).orElseThrow().inputJson());
        assertEquals("from the sidecar", input.prompt());
        assertEquals(12, input.numInferenceSteps());
    }

    @Test
    void aPhotoItsAccountCannotPayForCreatesNoRequestAndLeavesTheRefusal() throws IOException {
        String broke = TestAccounts.open(LocalAws.accountStore(), 0, 2).accountId();
        IngestService billedToBroke = new IngestService(objects, store, submissions, URLS, broke);
        String name = UUID.randomUUID().toString();
        DroppedPhoto photo = drop("incoming/" + name + ".png", Map.of("prompt", "a person"));

        assertInstanceOf(IngestOutcome.Refused.class, billedToBroke.ingest(photo));

        assertTrue(store.find(photo.requestId()).isEmpty(), "no request");
        assertEquals("User is locked. Reason: Exhausted balance. Top up your balance to continue.",
                JSON.readTree(objects.get(DropKeys.error(name)).orElseThrow()).path("detail").asText());
        assertTrue(queuedJobIds().isEmpty());
    }

    @Test
    void invalidMetadataCreatesNoRequestAndLeavesTheValidationBody() throws IOException {
        String name = UUID.randomUUID().toString();
        DroppedPhoto photo = drop("incoming/" + name + ".png", Map.of("seed", "-1"));

        assertInstanceOf(IngestOutcome.Rejected.class, ingest.ingest(photo));

        assertTrue(store.find(photo.requestId()).isEmpty(), "no request");
        JsonNode error = JSON.readTree(objects.get(DropKeys.error(name)).orElseThrow());
        assertEquals(List.of("missing", "greater_than_equal"), error.path("detail").findValuesAsText("type"));
        assertEquals(List.of("body", "seed"), List.of(error.path("detail").get(1).path("loc").get(0).asText(),
                error.path("detail").get(1).path("loc").get(1).asText()));
    }

    @Test
    void anEventForAVersionSinceReplacedIsSkipped() {
        DroppedPhoto first = drop("incoming/" + UUID.randomUUID() + ".png", Map.of("prompt", "a person"));
        drop(first.key(), Map.of("prompt", "a person"), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0});

        assertInstanceOf(IngestOutcome.Skipped.class, ingest.ingest(first));
        assertTrue(store.find(first.requestId()).isEmpty());
    }

    @Test
    void aSidecarOrAnotherFolderDoesNotTrigger() {
        assertInstanceOf(IngestOutcome.Skipped.class,
                ingest.ingest(new DroppedPhoto(bucket, "incoming/alice.json", "e", "s", 2)));
        assertInstanceOf(IngestOutcome.Skipped.class,
                ingest.ingest(new DroppedPhoto(bucket, "outgoing/alice.png", "e", "s", 2)));
    }

    /** Puts an object as a client would and describes it as S3's event for that put would. */
    private static DroppedPhoto drop(String key, Map<String, String> metadata) {
        return drop(key, metadata, PHOTO);
    }

    private static DroppedPhoto drop(String key, Map<String, String> metadata, byte[] bytes) {
        var put = clients.s3().putObject(p -> p.bucket(bucket).key(key).contentType("image/png").metadata(metadata),
                RequestBody.fromBytes(bytes));
        return new DroppedPhoto(bucket, key, put.eTag(), UUID.randomUUID().toString(), bytes.length);
    }

    private List<String> queuedJobIds() {
        return clients.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages().stream().map(m -> JobMessage.requestId(m.body())).flatMap(Optional::stream).toList();
    }
}
