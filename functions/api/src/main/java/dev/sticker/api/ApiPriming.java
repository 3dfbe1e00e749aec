package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sticker.core.aws.AwsPriming;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.core.config.Settings;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.request.Status;
import dev.sticker.core.service.Priming;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.FalRoute;
import dev.sticker.core.wire.ProxyTarget;
import io.micronaut.context.annotation.Requires;
import io.micronaut.crac.OrderedResource;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API functions' SnapStart hooks (CRaC resources, registered by micronaut-crac when the context starts; on a JVM
 * without CRaC they are never called). Before the snapshot: every SDK client the API's routes may use is built (they
 * are otherwise built on first use), then the services' priming plus the API Gateway side of a call (route matching,
 * URLs, the response with its CORS headers), so the first request after a restore runs compiled code. Nothing here
 * stores, queues or calls AWS. After the restore there is nothing to renew: request and
 * upload ids are drawn per call ({@code UUID.randomUUID}, a SecureRandom, which Lambda keeps unique across restored
 * environments) and the url-connection client keeps no connection pool of its own.
 */
@Singleton
@Requires(env = ApiFunction.ENVIRONMENT)
public final class ApiPriming implements OrderedResource {

    private static final Logger LOG = LoggerFactory.getLogger(ApiPriming.class);
    private static final Map<String, String> SAMPLE_HEADERS = Map.of(
            "Host", "abcdef1234.execute-api.us-east-1.amazonaws.com",
            "X-Forwarded-Proto", "https",
            "Content-Type", "application/json",
            ProxyTarget.HEADER, "https://" + ProxyTarget.QUEUE_HOST + "/" + ApiUrls.MODEL_ID + "/requests/"
                    + Priming.SAMPLE_REQUEST_ID + "/status?logs=1");

    private final ObjectStore objects;
    private final SdkClients clients;
    private final Settings settings;
    private final AtomicInteger primings = new AtomicInteger();
    private final AtomicInteger restores = new AtomicInteger();

    ApiPriming(ObjectStore objects, SdkClients clients, Settings settings) {
        this.objects = objects;
        this.clients = clients;
        this.settings = settings;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        try {
            prime();
        } catch (RuntimeException e) {
            // Priming only makes the first request faster; a failed one must not fail the version's publication.
            LOG.error("priming failed, the snapshot is taken unprimed", e);
            return;
        }
        LOG.info("primed for the snapshot primings={} tookMs={}", primings.incrementAndGet(),
                (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        LOG.info("restored from the snapshot restores={}", restores.incrementAndGet());
    }

    /** How many times priming ran to completion in this process. */
    public int primings() {
        return primings.get();
    }

    /** How many restores this process has been told of. */
    public int restores() {
        return restores.get();
    }

    private void prime() {
        clients.buildAll();
        List<ApiReply> replies = new Priming(objects).run();
        AwsPriming.marshal(Priming.sampleRequest(Status.IN_QUEUE), settings.table(), settings.jobQueueUrl());
        APIGatewayProxyRequestEvent event = sampleEvent();
        FalRoute.match(event.getHttpMethod(), Gateway.resourcePath(event)).orElseThrow();
        ProxyTarget.parse("GET", Gateway.header(event, ProxyTarget.HEADER));
        Gateway.urls(event, settings);
        for (ApiReply reply : replies) {
            APIGatewayProxyResponseEvent response = Gateway.respond(event, settings.allowedOrigin(), () -> reply);
            if (response.getStatusCode() != reply.status()) {
                throw new IllegalStateException("priming answered " + response.getStatusCode() + " for "
                        + reply.status());
            }
        }
    }

    private static APIGatewayProxyRequestEvent sampleEvent() {
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod("GET")
                .withResource("/fal-ai/face-to-sticker/requests/{id}/status")
                .withPath("/fal-ai/face-to-sticker/requests/" + Priming.SAMPLE_REQUEST_ID + "/status")
                .withPathParameters(Map.of("id", Priming.SAMPLE_REQUEST_ID))
                .withQueryStringParameters(Map.of("logs", "1"))
                .withHeaders(SAMPLE_HEADERS)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withStage("v1")
                        .withRequestId(Priming.SAMPLE_REQUEST_ID));
    }
}
