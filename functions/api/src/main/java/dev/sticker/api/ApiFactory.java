package dev.sticker.api;

import dev.sticker.core.aws.AwsClients;
import dev.sticker.core.aws.ParameterStoreSecrets;
import dev.sticker.core.aws.SqsJobQueue;
import dev.sticker.core.aws.WebhookKeyParameter;
import dev.sticker.core.config.Settings;
import dev.sticker.core.guard.RequestForgeryGuard;
import dev.sticker.core.ingest.IngestService;
import dev.sticker.core.photo.ImageFetcher;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.remote.CallbackSignature;
import dev.sticker.core.remote.HttpBackend;
import dev.sticker.core.service.CallbackService;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.RequestQueries;
import dev.sticker.core.service.StatusStream;
import dev.sticker.core.service.SubmitService;
import dev.sticker.core.service.UploadService;
import dev.sticker.core.webhook.WebhookSettings;
import dev.sticker.core.wire.ApiUrls;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the API's services once, at init, so SnapStart snapshots them ready to use (the adapters they share with the
 * queue functions come from the wiring module).
 */
@Factory
@Requires(env = ApiFactory.ENVIRONMENT)
class ApiFactory {

    /** The Micronaut environment the API's handlers run in. */
    static final String ENVIRONMENT = "sticker-api";

    @Singleton
    IngestService ingestService(ObjectStore objects, RequestStore store, SubmitService submissions, Settings settings) {
        // Without a configured public URL the input's URL is a name only: the worker reads its own input by key.
        return new IngestService(objects, store, submissions, settings.configuredPublicUrl().map(ApiUrls::new)
                .orElseGet(() -> ApiUrls.resolve(Optional.empty(), Map.of(), null)));
    }

    @Singleton
    SubmitService submitService(RequestStore store, ObjectStore objects, AwsClients aws, Settings settings,
                                Clock clock) {
        return new SubmitService(store, objects, new SqsJobQueue(aws.sqs(), settings.jobQueueUrl()),
                settings.retention(), clock);
    }

    @Singleton
    RequestQueries requestQueries(RequestStore store, ObjectStore objects, Completion completion, Clock clock) {
        return new RequestQueries(store, objects, completion, clock);
    }

    @Singleton
    FalCalls falCalls(SubmitService submissions, RequestQueries queries, RequestStore store, ObjectStore objects,
                      Settings settings) {
        return new FalCalls(submissions, queries, new UploadService(objects),
                new StatusStream(store, StatusStream.DEFAULT_POLL_INTERVAL), settings);
    }

    @Singleton
    CallbackRoutes callbackRoutes(RequestStore store, Completion completion, Settings settings, AwsClients aws,
                                  Clock clock) {
        return ParameterStoreSecrets.resolve(settings.secrets(), aws.parameters()).callbackSecret()
                .map(secret -> new CallbackRoutes(Map.of(HttpBackend.NAME, new CallbackService(store, completion,
                        new ImageFetcher(new RequestForgeryGuard(settings.urlAllowlist())),
                        new CallbackSignature(secret), clock))))
                .orElseGet(() -> new CallbackRoutes(Map.of()));
    }

    /** The JWKS route's keys: the webhook signing key's public half, none when no key is configured. */
    @Singleton
    PublishedKeys publishedKeys(AwsClients aws, WebhookSettings webhooks) {
        return new PublishedKeys(WebhookKeyParameter.resolve(webhooks, aws.parameters())
                .map(List::of).orElse(List.of()));
    }
}
