package dev.sticker.bench;

import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;
import dev.sticker.local.events.EventSource;
import dev.sticker.local.gateway.ApiGateway;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local cloud served in two stages, so a benchmark can measure submits while no worker competes for the CPU or
 * for the DynamoDB server: first the template's API routes alone, then, on {@link #startEventSources()}, its SQS
 * event sources (the worker and the dead-letter handler), exactly as the local cloud would wire them.
 */
final class StagedCloud implements AutoCloseable {

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
            return new StagedCloud(cloud, ApiGateway.start(cloud.apiRoutes(), 0));
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
        eventSources.addAll(cloud.eventSources());
        eventSources.forEach(EventSource::start);
    }

    @Override
    public void close() {
        eventSources.forEach(EventSource::close);
        gateway.close();
        cloud.close();
    }
}
