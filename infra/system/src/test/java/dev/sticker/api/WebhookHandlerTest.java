package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.sticker.core.backend.Backends;
import dev.sticker.core.photo.ImageFetcher;
import dev.sticker.core.photo.ResultImages;
import dev.sticker.core.port.CircuitBreaker;
import dev.sticker.core.port.JobQueue;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.remote.HttpBackend;
import dev.sticker.core.remote.RemoteWorkerProtocol;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.FailOver;
import dev.sticker.core.service.RemoteJobs;
import dev.sticker.core.wire.ApiUrls;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.sticker.api.LocalServices.bean;
import static dev.sticker.api.LocalServices.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The callback function built from real services (the local cloud's servers), called as Lambda calls it. */
class WebhookHandlerTest {

    private static final String CALLBACK = "/webhooks/{backend}/{id}";
    private static final RemoteWorkerProtocol PROTOCOL = new RemoteWorkerProtocol("handler-test-secret");

    private final WebhookHandler handler = new WebhookHandler(new RemoteJobs(bean(RequestStore.class),
            new Backends(List.of(new HttpBackend(URI.create("http://127.0.0.1:9/jobs"),
                    new ApiUrls("https://" + LocalServices.HOST + "/v1"), PROTOCOL, HttpClient.newHttpClient(),
                    Clock.systemUTC())), bean(CircuitBreaker.class)), bean(JobQueue.class),
            new ResultImages(bean(ImageFetcher.class)), bean(Completion.class), bean(FailOver.class),
            Duration.ofMinutes(15), Clock.systemUTC()));

    @Test
    void aSignedErrorAboutTheInputEndsTheRequestWithTheWorkersReason() {
        String id = dispatchedToTheRemoteWorker();
        String body = RemoteWorkerProtocol.errorJson(422, "value_error.no_face", "no face detected in the image");

        APIGatewayProxyResponseEvent response = handler.handleRequest(callback("http", id, body,
                PROTOCOL.sign(body, Instant.now())), null);

        StickerRequest stored = bean(RequestStore.class).find(id).orElseThrow();
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(Status.COMPLETED, stored.status());
        assertEquals("value_error.no_face", stored.failure().type());
        assertFalse(response.getHeaders().containsKey("Access-Control-Allow-Origin"), "no browser reads callbacks");
    }

    @Test
    void anUnsignedOrForgedCallbackIsRefusedAndChangesNothing() {
        String id = dispatchedToTheRemoteWorker();
        String body = RemoteWorkerProtocol.errorJson(500, "crash", "forged");

        APIGatewayProxyResponseEvent unsigned = handler.handleRequest(callback("http", id, body, null), null);
        APIGatewayProxyResponseEvent forged = handler.handleRequest(callback("http", id, body,
                new RemoteWorkerProtocol("another-secret").sign(body, Instant.now())), null);

        assertEquals(401, unsigned.getStatusCode());
        assertEquals(401, forged.getStatusCode());
        assertEquals(Status.IN_PROGRESS, bean(RequestStore.class).find(id).orElseThrow().status());
    }

    @Test
    void aSignedErrorOfTheWorkersOwnHandsTheRequestToTheNextBackend() {
        String id = dispatchedToTheRemoteWorker();
        String body = RemoteWorkerProtocol.errorJson(500, "crash", "out of GPU memory");

        APIGatewayProxyResponseEvent response = handler.handleRequest(callback("http", id, body,
                PROTOCOL.sign(body, Instant.now())), null);

        StickerRequest stored = bean(RequestStore.class).find(id).orElseThrow();
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(Status.IN_QUEUE, stored.status());
        assertEquals(List.of(HttpBackend.NAME), stored.failedBackends());
    }

    @Test
    void aCallbackForARequestNotRunningThereIsVerifiedAndDropped() {
        String id = LocalServices.requestNoWorkerRuns();
        String body = RemoteWorkerProtocol.errorJson(500, "crash", "stray");

        APIGatewayProxyResponseEvent response = handler.handleRequest(callback("http", id, body,
                PROTOCOL.sign(body, Instant.now())), null);

        assertEquals(200, response.getStatusCode());
        assertEquals(Status.IN_QUEUE, bean(RequestStore.class).find(id).orElseThrow().status());
    }

    @Test
    void aBackendWithoutCallbacksIsNotFound() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(callback("replicate", "abc", "{}", null), null);

        assertEquals(404, response.getStatusCode());
    }

    /** A request a worker claimed and handed to the remote worker, which will call back. */
    private static String dispatchedToTheRemoteWorker() {
        String id = LocalServices.requestNoWorkerRuns();
        RequestStore store = bean(RequestStore.class);
        store.claim(id, Instant.now());
        store.dispatch(id, 1, new StickerRequest.Dispatch(HttpBackend.NAME, id, Instant.now()));
        return id;
    }

    private static APIGatewayProxyRequestEvent callback(String backend, String id, String body, String signature) {
        APIGatewayProxyRequestEvent event = event("POST", CALLBACK, "/webhooks/" + backend + "/" + id, body);
        if (signature != null) {
            event.getHeaders().put(RemoteWorkerProtocol.SIGNATURE_HEADER, signature);
        }
        return event;
    }
}
