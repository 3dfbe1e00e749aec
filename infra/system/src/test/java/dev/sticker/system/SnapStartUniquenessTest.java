package dev.sticker.system;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.api.ApiPriming;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.input.ParsedInput;
import dev.sticker.core.input.StickerInput;
import dev.sticker.core.service.Priming;
import dev.sticker.core.service.Seeds;
import dev.sticker.local.LocalCloud;
import dev.sticker.wiring.MicronautFunction;
import dev.sticker.worker.WorkerPriming;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.order.OrderUtil;
import io.micronaut.crac.OrderedResource;
import io.micronaut.crac.test.CheckpointSimulator;
import io.micronaut.crac.test.DefaultCheckpointSimulator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SnapStart readiness of the deployed handlers, in the local cloud: a simulated checkpoint primes the submit and job
 * handlers (the job handler renders its sample) without leaving anything behind, and two simulated restores hand out
 * different request ids and draw different seeds.
 */
class SnapStartUniquenessTest {

    private static final StickerInput WITHOUT_SEED = ((ParsedInput.Valid) InputSchema.parse(
            "{\"image_url\": \"https://example.com/face.jpg\", \"prompt\": \"a person\"}")).input();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBMIT_BODY =
            "{\"image_url\":\"https://example.com/portrait.jpg\",\"prompt\":\"a person\"}";

    @Test
    void restoresOfOneSnapshotHandOutDifferentIdsAndSeeds() throws IOException {
        LocalCloud cloud = LocalCloud.shared();
        TestKeys.admin();
        MicronautFunction submit = handler(cloud, "SubmitFunction");
        MicronautFunction worker = handler(cloud, "WorkerFunction");
        ApiPriming apiPriming = submit.getApplicationContext().getBean(ApiPriming.class);
        WorkerPriming workerPriming = worker.getApplicationContext().getBean(WorkerPriming.class);
        int apiPrimed = apiPriming.primings();
        int workerPrimed = workerPriming.primings();
        int rendered = workerPriming.renders();
        CheckpointSimulator api = simulator(submit.getApplicationContext());
        CheckpointSimulator jobs = simulator(worker.getApplicationContext());

        api.runBeforeCheckpoint();
        jobs.runBeforeCheckpoint();
        List<String> requestIds = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (int restore = 0; restore < 2; restore++) {
            api.runAfterRestore();
            jobs.runAfterRestore();
            requestIds.add(submittedRequestId(cloud));
            seeds.add(Seeds.of(WITHOUT_SEED));
        }

        assertEquals(apiPrimed + 1, apiPriming.primings());
        assertEquals(workerPrimed + 1, workerPriming.primings());
        assertTrue(workerPriming.renders() > rendered, "the worker's priming rendered the sample");
        assertNotEquals(requestIds.get(0), requestIds.get(1));
        assertNotEquals(seeds.get(0), seeds.get(1));
        assertEquals(404, status(cloud, Priming.SAMPLE_REQUEST_ID), "priming stored its sample request");
    }

    private static String submittedRequestId(LocalCloud cloud) throws IOException {
        APIGatewayProxyRequestEvent event = event("submit.json").withBody(SUBMIT_BODY);
        APIGatewayProxyResponseEvent response =
                (APIGatewayProxyResponseEvent) cloud.function("SubmitFunction").invoke(event);
        assertEquals(200, response.getStatusCode(), response.getBody());
        return JSON.readTree(response.getBody()).path("request_id").asText();
    }

    private static int status(LocalCloud cloud, String requestId) throws IOException {
        APIGatewayProxyRequestEvent event = event("status.json")
                .withPath("/fal-ai/face-to-sticker/requests/" + requestId + "/status")
                .withPathParameters(Map.of("id", requestId));
        return ((APIGatewayProxyResponseEvent) cloud.function("FetchFunction").invoke(event)).getStatusCode();
    }

    private static APIGatewayProxyRequestEvent event(String file) throws IOException {
        return LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class,
                SnapStartUniquenessTest.class.getClassLoader())
                .fromJson(Files.readString(Photos.repositoryFile("events/" + file)));
    }

    private static MicronautFunction handler(LocalCloud cloud, String function) {
        return (MicronautFunction) cloud.function(function).handler();
    }

    /** The simulator micronaut-crac provides in its test environment, over the resources it would register. */
    private static CheckpointSimulator simulator(ApplicationContext context) {
        List<OrderedResource> resources = new ArrayList<>(context.getBeansOfType(OrderedResource.class));
        OrderUtil.sort(resources);
        return new DefaultCheckpointSimulator(resources);
    }
}
