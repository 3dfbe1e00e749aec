package dev.sticker.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import dev.sticker.local.template.Template;
import org.junit.jupiter.api.Test;

/** The project's own template.yaml, stood up through the shared instance the system tests use. */
class ProjectTemplateTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void sharedCloudStandsUpEveryResourceOfTheProjectTemplate() {
        LocalCloud cloud = LocalCloud.shared();
        assertSame(cloud, LocalCloud.shared());
        Template template = Template.read(LocalCloud.findTemplate());

        List<String> tables = cloud.clients().dynamoDb().listTables().tableNames();
        template.resourcesOfType(Template.TABLE).forEach(t -> assertTrue(tables.contains(cloud.physicalName(t.logicalId()))));
        List<String> queues = cloud.clients().sqs().listQueues().queueUrls();
        template.resourcesOfType(Template.QUEUE).forEach(q -> assertTrue(queues.contains(cloud.physicalName(q.logicalId()))));
        template.resourcesOfType(Template.BUCKET).forEach(b ->
                cloud.clients().s3().headBucket(h -> h.bucket(cloud.physicalName(b.logicalId()))));

        assertEquals(cloud.physicalName("RequestsTable"), cloud.environment().get("STICKER_TABLE"));
        assertEquals(cloud.physicalName("JobQueue"), cloud.environment().get("STICKER_JOB_QUEUE_URL"));
    }

    @Test
    void projectApiAnswersBrowserPreflightsAndUnknownRoutes() throws Exception {
        URI api = LocalCloud.shared().apiUrl();
        HttpResponse<String> preflight = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/fal-ai/face-to-sticker"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, preflight.statusCode());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElseThrow().contains("POST"));
        HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(api + "/no/such/route")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, unknown.statusCode());
    }
}
