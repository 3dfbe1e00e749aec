package dev.sticker.api;

import dev.sticker.core.account.AccountAdmin;
import dev.sticker.core.account.BillingSettings;
import dev.sticker.core.account.KeyAuthenticator;
import dev.sticker.core.account.KeySecrets;
import dev.sticker.core.account.Platform;
import dev.sticker.core.aws.DynamoKeyStore;
import dev.sticker.core.aws.DynamoRateLimiter;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.core.backend.BackendSettings;
import dev.sticker.core.backend.Backends;
import dev.sticker.core.backend.RemoteBackends;
import dev.sticker.core.config.Secrets;
import dev.sticker.core.config.Settings;
import dev.sticker.core.guard.RequestForgeryGuard;
import dev.sticker.core.ingest.IngestService;
import dev.sticker.core.photo.ImageFetcher;
import dev.sticker.core.photo.ResultImages;
import dev.sticker.core.port.AccountStore;
import dev.sticker.core.port.Backend;
import dev.sticker.core.port.CircuitBreaker;
import dev.sticker.core.port.JobQueue;
import dev.sticker.core.port.KeyStore;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.FailOver;
import dev.sticker.core.service.OwnRequests;
import dev.sticker.core.service.RemoteJobs;
import dev.sticker.core.service.RequestQueries;
import dev.sticker.core.service.StatusStream;
import dev.sticker.core.service.SubmitService;
import dev.sticker.core.service.UploadService;
import dev.sticker.core.sweep.SweepSettings;
import dev.sticker.core.webhook.SigningKey;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.settings.Secret;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API functions' services, each built once, when the first handler that needs it is constructed (so SnapStart
 * snapshots it ready to use); the adapters they share with the queue functions come from the wiring module.
 */
@Factory
@Requires(env = ApiFunction.ENVIRONMENT)
class ApiFactory {

    @Singleton
    SubmitService submitService(RequestStore store, ObjectStore objects, JobQueue queue, AccountStore accounts,
                                BillingSettings billing, Completion completion, Settings settings, Clock clock) {
        return new SubmitService(store, objects, queue, accounts, billing.pricing(), completion, settings.retention(),
                clock);
    }

    @Singleton
    UploadService uploadService(ObjectStore objects, AccountStore accounts) {
        return new UploadService(objects, accounts);
    }

    @Singleton
    RequestQueries requestQueries(RequestStore store, OwnRequests own, ObjectStore objects, Completion completion,
                                  JobQueue queue, Clock clock) {
        return new RequestQueries(store, own, objects, completion, queue, clock);
    }

    @Singleton
    StatusStream statusStream(OwnRequests own) {
        return new StatusStream(own, StatusStream.DEFAULT_POLL_INTERVAL);
    }

    @Singleton
    IngestService ingestService(ObjectStore objects, RequestStore store, SubmitService submissions, Settings settings,
                                BillingSettings billing) {
        // Without a configured public URL the input's URL is a name only: the worker reads its own input by key.
        return new IngestService(objects, store, submissions, settings.configuredPublicUrl().map(ApiUrls::new)
                .orElseGet(() -> ApiUrls.resolve(Optional.empty(), Map.of(), null)), billing.ingestAccount());
    }

    @Singleton
    KeyStore keyStore(SdkClients clients, BillingSettings billing) {
        return new DynamoKeyStore(clients.dynamo(), billing.accountsTable());
    }

    @Singleton
    Access access(SdkClients clients, BillingSettings billing, Clock clock) {
        return new Access(new DynamoRateLimiter(clients.dynamo(), billing.accountsTable()), billing, clock);
    }

    /** The bootstrap admin key is read once, at init, from the secret store. */
    @Singleton
    KeyAuthenticator keyAuthenticator(KeyStore keys, AccountStore accounts, Secrets secrets, Clock clock) {
        return new KeyAuthenticator(keys, accounts, secrets.read(Secret.ADMIN_KEY).flatMap(KeySecrets::parseKey),
                clock);
    }

    @Singleton
    Platform platform(AccountStore accounts, KeyStore keys, BillingSettings billing, Clock clock) {
        return new Platform(new AccountAdmin(accounts, keys, clock), accounts, keys, billing.pricing(), clock);
    }

    /**
     * The backends that call back, to verify and apply their callbacks: those configured to run jobs elsewhere (the
     * builtin engine never calls back, so the API never loads it).
     */
    @Singleton
    RemoteJobs remoteJobs(RequestStore store, JobQueue queue, BackendSettings backends, Secrets secrets,
                          RequestForgeryGuard guard, ImageFetcher fetcher, Completion completion, FailOver failOver,
                          CircuitBreaker breaker, Settings settings, SweepSettings sweep, Clock clock) {
        List<Backend> remote = List.copyOf(RemoteBackends.create(backends, secrets, guard,
                settings.configuredPublicUrl(), clock));
        return new RemoteJobs(store, new Backends(remote, breaker), queue, new ResultImages(fetcher), completion,
                failOver, sweep.remoteTimeout(), clock);
    }

    /** The JWKS route's keys: the webhook signing key's public half, none when no key is configured. */
    @Singleton
    PublishedKeys publishedKeys(Secrets secrets) {
        return new PublishedKeys(secrets.read(Secret.WEBHOOK_KEY).map(SigningKey::fromPem).map(List::of)
                .orElse(List.of()));
    }
}
