package dev.sticker.system;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.ingest.IngestOutcome;
import dev.sticker.core.remote.RemoteWorkerProtocol;
import dev.sticker.local.LocalCloud;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample events in events/ are what Lambda would pass: they deserialize as the runtime does and the real handlers,
 * invoked with them in the local cloud, answer as they would on AWS.
 */
class SampleEventsTest {

    /** The secret events/webhook-callback.json is signed with (documented in events/README.md). */
    private static final String SAMPLE_SECRET = "sticker-sample-events-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LocalCloud cloud;

    @BeforeAll
    static void startCloud() {
        cloud = LocalCloud.shared();
        // The account the sample events are billed to.
        TestKeys.admin();
    }

    @Test
    void submitEventQueuesARequest() {
        APIGatewayProxyResponseEvent response = invokeApi("SubmitFunction", "submit.json");

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("IN_QUEUE", json(response.getBody()).path("status").asText());
    }

    @Test
    void statusResultAndCancelEventsOfAnUnknownRequestAreNotFound() {
        for (String event : new String[]{"status.json", "result.json", "cancel.json"}) {
            APIGatewayProxyResponseEvent response = invokeApi("FetchFunction", event);

            assertEquals(404, response.getStatusCode(), event + ": " + response.getBody());
        }
    }

    @Test
    void fileEventOfAnUnknownRequestIsNotFound() {
        APIGatewayProxyResponseEvent response = invokeApi("FetchFunction", "file.json");

        assertEquals(404, response.getStatusCode(), response.getBody());
    }

    @Test
    void fileEventForAFileOfAStoredRequestRedirectsToIt() {
        String id = json(invokeApi("SubmitFunction", "submit.json").getBody()).path("request_id").asText();
        String key = "inputs/" + id + "/input";
        APIGatewayProxyRequestEvent event = apiEvent("file.json");
        event.setPath("/files/" + key);
        event.setPathParameters(Map.of("key", key));

        APIGatewayProxyResponseEvent response = (APIGatewayProxyResponseEvent) cloud.function("FetchFunction")
                .invoke(event);

        assertEquals(302, response.getStatusCode(), response.getBody());
        assertTrue(response.getHeaders().get("Location").contains(key), response.getHeaders().toString());
    }

    @Test
    void webhookEventIsSignedWithTheSampleSecretAtItsOwnTimestamp() {
        APIGatewayProxyRequestEvent event = apiEvent("webhook-callback.json");
        String header = event.getHeaders().get(RemoteWorkerProtocol.SIGNATURE_HEADER);
        long signedAt = Long.parseLong(header.substring(2, header.indexOf(',')));

        RemoteWorkerProtocol.Check check = new RemoteWorkerProtocol(SAMPLE_SECRET)
                .verify(header, event.getBody(), Instant.ofEpochSecond(signedAt));

        assertEquals(RemoteWorkerProtocol.Check.VALID, check);
    }

    @Test
    void webhookEventIsNotFoundByADeploymentWhoseBackendsDoNotCallBack() {
        APIGatewayProxyResponseEvent response = invokeApi("WebhookFunction", "webhook-callback.json");

        assertEquals(404, response.getStatusCode(), response.getBody());
    }

    @Test
    void jobEventsForAnUnknownRequestAreConsumedWithoutRetry() {
        for (String[] function : new String[][]{{"WorkerFunction", "worker-job.json"},
                {"DeadLetterFunction", "dead-letter-job.json"}}) {
            SQSEvent event = LambdaEventSerializers.serializerFor(SQSEvent.class, loader()).fromJson(read(function[1]));

            SQSBatchResponse response = (SQSBatchResponse) cloud.function(function[0]).invoke(event);

            assertEquals(0, response.getBatchItemFailures().size(), function[1]);
        }
    }

    @Test
    void s3PutEventReadsAsLambdaReadsItAndAPhotoNoLongerThereIsSkipped() {
        S3Event event = LambdaEventSerializers.serializerFor(S3Event.class, loader()).fromJson(read("s3-put.json"));
        var record = event.getRecords().get(0);
        assertEquals("ObjectCreated:Put", record.getEventName());
        assertEquals("incoming/astronaut.png", record.getS3().getObject().getUrlDecodedKey());
        assertEquals(791555L, record.getS3().getObject().getSizeAsLong());
        // Another test may have dropped this photo into the shared cloud; the event must find it gone.
        cloud.clients().s3().deleteObject(d -> d.bucket(cloud.physicalName("StickerBucket"))
                .key("incoming/astronaut.png"));

        List<?> outcomes = (List<?>) cloud.function("IngestFunction").invoke(event);

        assertEquals(1, outcomes.size(), outcomes::toString);
        assertEquals("incoming/astronaut.png", assertInstanceOf(IngestOutcome.Skipped.class, outcomes.get(0)).key());
    }

    private static APIGatewayProxyResponseEvent invokeApi(String function, String file) {
        return (APIGatewayProxyResponseEvent) cloud.function(function).invoke(apiEvent(file));
    }

    private static APIGatewayProxyRequestEvent apiEvent(String file) {
        return LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, loader()).fromJson(read(file));
    }

    private static String read(String file) {
        try {
            return Files.readString(Photos.repositoryFile("events/" + file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClassLoader loader() {
        return SampleEventsTest.class.getClassLoader();
    }
}
