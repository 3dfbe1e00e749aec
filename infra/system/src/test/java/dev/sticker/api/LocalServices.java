package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sticker.core.account.Authentication;
import dev.sticker.core.account.AuthorizerContext;
import dev.sticker.core.account.BillingSettings;
import dev.sticker.core.account.Caller;
import dev.sticker.core.account.Scope;
import dev.sticker.core.config.Settings;
import dev.sticker.core.port.AccountStore;
import dev.sticker.core.port.JobQueue;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.Submission;
import dev.sticker.core.service.SubmitOutcome;
import dev.sticker.core.service.SubmitService;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.Json;
import dev.sticker.system.LocalAccount;
import dev.sticker.system.TestKeys;
import io.micronaut.context.ApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The API's real services for handler tests: the beans of an API context, configured by the shared local cloud (whose
 * DynamoDB, S3 and SQS servers they call), so a test builds a handler from them and may swap one for its own.
 */
final class LocalServices {

    /** API Gateway's own host name for the API: URLs handed out carry the stage. */
    static final String HOST = "abc123.execute-api.us-east-1.amazonaws.com";
    /** Who the calls come from, as the authorizer would pass it on: the local account's test key. */
    static final Caller CALLER = new Caller(LocalAccount.ID, "handler-test-key", "handler-test", Scope.API);

    private static ApplicationContext context;

    private LocalServices() {
    }

    static synchronized <T> T bean(Class<T> type) {
        if (context == null) {
            TestKeys.admin();
            context = ApiFunction.startContext();
        }
        return context.getBean(type);
    }

    /**
     * A proxy event for a call as API Gateway hands it over: resource, path, stage v1, its own host, and the
     * authorizer's verdict for {@link #CALLER}.
     */
    static APIGatewayProxyRequestEvent event(String method, String resource, String path, String body) {
        Map<String, String> pathParameters = new HashMap<>();
        String[] resourceParts = resource.split("/");
        String[] pathParts = path.split("/", resourceParts.length);
        for (int i = 0; i < resourceParts.length && i < pathParts.length; i++) {
            if (resourceParts[i].startsWith("{")) {
                pathParameters.put(resourceParts[i].replaceAll("[{}+]", ""), pathParts[i]);
            }
        }
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withStage("v1").withRequestId("test-call");
        context.setAuthorizer(new HashMap<>(AuthorizerContext.of(new Authentication.Authenticated(CALLER, 1_000_000))));
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod(method)
                .withResource(resource)
                .withPath(path)
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withHeaders(new HashMap<>(Map.of("Host", HOST, "X-Forwarded-Proto", "https",
                        "Content-Type", "application/json")))
                .withBody(body)
                .withRequestContext(context);
    }

    /** The submit service with this job queue in place of the real one. */
    static SubmitService submitServiceWith(JobQueue queue) {
        return new SubmitService(bean(RequestStore.class), bean(ObjectStore.class), queue, bean(AccountStore.class),
                bean(BillingSettings.class).pricing(), bean(Completion.class), bean(Settings.class).retention(),
                Clock.systemUTC());
    }

    /** A request stored IN_QUEUE for {@link #CALLER} whose job goes to a queue no worker reads. */
    static String requestNoWorkerRuns() {
        SubmitOutcome outcome = submitServiceWith((id, delay) -> { }).accept(new Submission(
                "{\"image_url\": \"https://example.com/face.jpg\", \"prompt\": \"a person\"}", null, CALLER),
                ApiUrls.resolve(Optional.empty(), Map.of(), null));
        return ((SubmitOutcome.Accepted) outcome).request().id();
    }

    static JsonNode json(APIGatewayProxyResponseEvent response) {
        try {
            return Json.MAPPER.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(response.getBody(), e);
        }
    }
}
