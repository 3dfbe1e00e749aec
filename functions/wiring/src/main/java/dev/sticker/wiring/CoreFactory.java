package dev.sticker.wiring;

import dev.sticker.core.account.BillingSettings;
import dev.sticker.core.account.CreditSettlement;
import dev.sticker.core.account.RunningSlots;
import dev.sticker.core.aws.DynamoAccountStore;
import dev.sticker.core.aws.DynamoCircuitBreaker;
import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.aws.ParameterStoreSecrets;
import dev.sticker.core.aws.S3ObjectStore;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.core.aws.SqsDeliveryQueue;
import dev.sticker.core.aws.SqsJobQueue;
import dev.sticker.core.backend.BackendSettings;
import dev.sticker.core.config.Secrets;
import dev.sticker.core.config.Settings;
import dev.sticker.core.guard.RequestForgeryGuard;
import dev.sticker.core.ingest.StickerExport;
import dev.sticker.core.photo.ImageFetcher;
import dev.sticker.core.port.AccountStore;
import dev.sticker.core.port.CircuitBreaker;
import dev.sticker.core.port.CompletionListener;
import dev.sticker.core.port.JobQueue;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.FailOver;
import dev.sticker.core.service.OwnRequests;
import dev.sticker.core.sweep.SweepSettings;
import dev.sticker.core.webhook.WebhookDispatch;
import dev.sticker.core.webhook.WebhookSettings;
import dev.sticker.settings.Config;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The beans every function may share, each built when a handler first needs it: settings, the AWS adapters (whose
 * SDK clients are themselves built on first use), the request-forgery guard, and completion with its listeners.
 */
@Factory
class CoreFactory {

    @Singleton
    Config config() {
        return Config.system();
    }

    @Singleton
    Settings settings(Config config) {
        return Settings.from(config);
    }

    @Singleton
    WebhookSettings webhookSettings(Config config) {
        return WebhookSettings.from(config);
    }

    @Singleton
    BillingSettings billingSettings(Config config) {
        return BillingSettings.from(config);
    }

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    @Bean(preDestroy = "close")
    SdkClients sdkClients(Config config) {
        return new SdkClients(config);
    }

    @Singleton
    Secrets secrets(Config config, SdkClients clients) {
        return new ParameterStoreSecrets(config, clients.parameters());
    }

    @Singleton
    RequestStore requestStore(SdkClients clients, Settings settings) {
        return new DynamoRequestStore(clients.dynamo(), settings.table());
    }

    @Singleton
    ObjectStore objectStore(SdkClients clients, Settings settings) {
        return new S3ObjectStore(clients::s3, clients::presigner, settings.bucket());
    }

    @Singleton
    AccountStore accountStore(SdkClients clients, BillingSettings billing) {
        return new DynamoAccountStore(clients.dynamo(), billing.accountsTable());
    }

    /** The job queue: submits queue jobs, workers queue them again to wait, cancels and fail-overs to move on. */
    @Singleton
    JobQueue jobQueue(SdkClients clients, Settings settings) {
        return new SqsJobQueue(clients::sqs, settings.jobQueueUrl());
    }

    @Singleton
    BackendSettings backendSettings(Config config) {
        return BackendSettings.from(config);
    }

    @Singleton
    CircuitBreaker circuitBreaker(SdkClients clients, BillingSettings billing, BackendSettings backends) {
        return new DynamoCircuitBreaker(clients.dynamo(), billing.accountsTable(), backends.circuitFailures(),
                backends.circuitCoolDown());
    }

    @Singleton
    FailOver failOver(RequestStore store, JobQueue queue, CircuitBreaker breaker, Clock clock) {
        return new FailOver(store, queue, breaker, clock);
    }

    @Singleton
    SweepSettings sweepSettings(Config config) {
        return SweepSettings.from(config);
    }

    @Singleton
    OwnRequests ownRequests(RequestStore store, AccountStore accounts) {
        return new OwnRequests(store, accounts);
    }

    /** The one guard every outbound URL of this function passes. */
    @Singleton
    RequestForgeryGuard requestForgeryGuard(Settings settings) {
        return new RequestForgeryGuard(settings.urlAllowlist());
    }

    @Singleton
    ImageFetcher imageFetcher(RequestForgeryGuard guard) {
        return new ImageFetcher(guard);
    }

    /**
     * Ends requests: settles their credit, frees their running slot, exports dropped photos' results and, where the
     * template declares the delivery queue, queues the caller's webhook.
     */
    @Singleton
    Completion completion(RequestStore store, ObjectStore objects, AccountStore accounts, SdkClients clients,
                          WebhookSettings webhooks, Clock clock) {
        List<CompletionListener> listeners = new ArrayList<>(List.of(new CreditSettlement(store, accounts, clock),
                new RunningSlots(accounts), new StickerExport(objects)));
        if (!webhooks.queueUrl().isEmpty()) {
            listeners.add(new WebhookDispatch(store, new SqsDeliveryQueue(clients::sqs, webhooks.queueUrl()), clock));
        }
        return new Completion(store, objects, listeners, clock);
    }
}
