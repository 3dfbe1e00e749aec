package dev.sticker.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.local.LocalCloud;
import dev.sticker.system.LocalAccount;
import dev.sticker.system.QueueClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pieces the benchmarks stand on, against a real local cloud: the staged serving and the plain baseline. */
class BenchSetupAgainstLocalCloudTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = "{\"image_url\":\"https://example.com/portrait.jpg\",\"prompt\":\"a person\"}";

    private static StagedCloud staged;

    @BeforeAll
    static void start() {
        staged = StagedCloud.start(RepoPaths.root().resolve("template.yaml"));
    }

    @AfterAll
    static void stop() {
        staged.close();
    }

    @Test
    void stagedCloudAcceptsSubmitsWhileNoWorkerTakesTheJobs() throws InterruptedException {
        QueueClient caller = new QueueClient(staged.apiUrl(), LocalAccount.ensure(staged.cloud()));
        String id = caller.submit(BODY).expectOk("submit").text("request_id");
        // Longer than the event source's one-second long poll: a polling worker would have claimed it by now.
        Thread.sleep(1_500);
        assertEquals("IN_QUEUE", caller.status(id).text("status"));
        assertTrue(queuedRequestIds().contains(id), "the job stays on the queue");
    }

    @Test
    void plainSubmitStoresTheRequestAndQueuesItsJob() throws Exception {
        LocalCloud cloud = staged.cloud();
        try (PlainStore store = PlainStore.fromSettings(cloud.environment()::get)) {
            APIGatewayProxyResponseEvent response = new PlainSubmitHandler(store)
                    .handleRequest(ProbeEvents.submit(BODY), ProbeContext.invocation("PlainSubmit"));
            assertEquals(200, response.getStatusCode());
            String id = JSON.readTree(response.getBody()).path("request_id").asText();
            Map<String, AttributeValue> item = cloud.clients().dynamoDb().getItem(get -> get
                    .tableName(cloud.physicalName("RequestsTable")).key(Map.of("id", AttributeValue.fromS(id)))).item();
            assertEquals("IN_QUEUE", item.get("status").s());
            assertEquals(JSON.readTree(BODY), JSON.readTree(item.get("input").s()));
            assertTrue(queuedRequestIds().contains(id), "the job is on the queue");
        }
    }

    @Test
    void plainSubmitRefusesABodyWithoutImageUrl() {
        try (PlainStore store = PlainStore.fromSettings(staged.cloud().environment()::get)) {
            APIGatewayProxyResponseEvent response = new PlainSubmitHandler(store)
                    .handleRequest(ProbeEvents.submit("{\"prompt\":\"a person\"}"),
                            ProbeContext.invocation("PlainSubmit"));
            assertEquals(422, response.getStatusCode());
        }
    }

    /** Request ids of the jobs waiting on the job queue, received and made visible again at once. */
    private static List<String> queuedRequestIds() {
        String queueUrl = staged.cloud().physicalName("JobQueue");
        List<Message> messages = staged.cloud().clients().sqs().receiveMessage(receive -> receive.queueUrl(queueUrl)
                .maxNumberOfMessages(10).visibilityTimeout(0).waitTimeSeconds(0)).messages();
        return messages.stream().map(m -> JSON.valueToTree(parse(m.body())).path("request_id").asText()).toList();
    }

    private static Object parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("job message is not JSON: " + body, e);
        }
    }
}
