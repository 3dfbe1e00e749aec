package dev.sticker.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;
import dev.sticker.local.events.EventSource;
import dev.sticker.local.events.SqsEventSource;
import dev.sticker.local.function.EventDefinition;
import dev.sticker.local.function.LocalFunction;
import dev.sticker.local.gateway.ApiGateway;
import dev.sticker.local.gateway.ApiRoute;
import dev.sticker.local.gateway.ApiStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local cloud served in two stages, so a benchmark can measure submits while no worker competes for the CPU or
 * for the DynamoDB server: first the template's API routes alone, then, on {@link #startEventSources()}, its SQS
 * event sources (the worker and the dead-letter handler), exactly as the local cloud would wire them.
 */
final class StagedCloud implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StagedCloud.class);
    /**
     * The template's API stage. Locally it only names the stage in events: handlers add it to the URLs they hand out
     * on execute-api hosts alone, no JSON body is a binary media type, and benchmarks send no CORS preflights.
     */
    private static final ApiStage STAGE = new ApiStage("StickerApi", "v1",
            List.of("image/*", "application/octet-stream"), null);

    private final LocalCloud cloud;
    private final ApiGateway gateway;
    private final List<EventSource> eventSources = new ArrayList<>();

    private StagedCloud(LocalCloud cloud, ApiGateway gateway) {
        this.cloud = cloud;
        this.gateway = gateway;
    }

    /** An ephemeral cloud from {@code template}, its API served, its event sources not yet polling. */
    static StagedCloud start(Path template) {
        LocalCloud cloud = LocalCloud.start(new LocalCloudOptions(template, null, 0, false, Map.of()));
        try {
            List<ApiRoute> routes = new ArrayList<>();
            for (String id : cloud.functionIds()) {
                LocalFunction function = cloud.function(id);
                for (EventDefinition event : function.definition().events()) {
                    if (event.type().equals(EventDefinition.API)) {
                        routes.add(new ApiRoute(String.valueOf(event.properties().get("Method")),
                                String.valueOf(event.properties().get("Path")), STAGE, function));
                    }
                }
            }
            return new StagedCloud(cloud, ApiGateway.start(routes, 0));
        } catch (RuntimeException e) {
            cloud.close();
            throw e;
        }
    }

    LocalCloud cloud() {
        return cloud;
    }

    URI apiUrl() {
        return gateway.url();
    }

    /** Starts polling every SQS event source of the template, as the local cloud does when it serves functions. */
    void startEventSources() {
        for (String id : cloud.functionIds()) {
            LocalFunction function = cloud.function(id);
            for (EventDefinition event : function.definition().events()) {
                if (event.type().equals(EventDefinition.SQS)) {
                    String queueArn = String.valueOf(event.properties().get("Queue"));
                    String queueName = queueArn.substring(queueArn.lastIndexOf(':') + 1);
                    String queueUrl = cloud.clients().sqs().getQueueUrl(get -> get.queueName(queueName)).queueUrl();
                    SqsEventSource source = new SqsEventSource(function, event, cloud.clients().sqs(), queueArn,
                            queueUrl);
                    source.start();
                    eventSources.add(source);
                    LOG.info("{} now polls {}", id, queueName);
                }
            }
        }
    }

    @Override
    public void close() {
        eventSources.forEach(EventSource::close);
        gateway.close();
        cloud.close();
    }
}
