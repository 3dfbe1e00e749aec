package dev.sticker.api;

import dev.sticker.core.account.AccountAdmin;
import dev.sticker.core.account.BillingSettings;
import dev.sticker.core.account.KeyAuthenticator;
import dev.sticker.core.account.KeySecrets;
import dev.sticker.core.account.Platform;
import dev.sticker.core.aws.DynamoKeyStore;
import dev.sticker.core.aws.DynamoRateLimiter;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.core.aws.SqsJobQueue;
import dev.sticker.core.config.Secrets;
import dev.sticker.core.config.Settings;
import dev.sticker.core.ingest.IngestService;
import dev.sticker.core.photo.ImageFetcher;
import dev.sticker.core.photo.ResultImages;
import dev.sticker.core.port.AccountStore;
import dev.sticker.core.port.KeyStore;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.remote.HttpBackend;
import dev.sticker.core.remote.RemoteWorkerProtocol;
import dev.sticker.core.service.CallbackService;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.OwnRequests;
import dev.sticker.core.service.RequestQueries;
import dev.sticker.core.service.StatusStream;
import dev.sticker.core.service.SubmitService;
import dev.sticker.core.service.UploadService;
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
    SubmitService submitService(RequestStore store, ObjectStore objects, SdkClients clients, AccountStore accounts,
                                BillingSettings billing, Completion completion, Settings settings, Clock clock) {
        return new SubmitService(store, objects, new SqsJobQueue(clients::sqs, settings.jobQueueUrl()), accounts,
                billing.pricing(), completion, settings.retention(), clock);
    }

    @Singleton
    UploadService uploadService(ObjectStore objects, AccountStore accounts) {
        return new UploadService(objects, accounts);
    }

    @Singleton
    RequestQueries requestQueries(RequestStore store, OwnRequests own, ObjectStore objects, Completion completion,
                                  Clock clock) {
        return new RequestQueries(store, own, objects, completion, clock);
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

    /** The backends that may call back: the http backend, when its signing secret is configured. */
    @Singleton
    CallbackRoutes callbackRoutes(RequestStore store, Completion completion, ImageFetcher fetcher, Secrets secrets,
                                  Clock clock) {
        return secrets.read(Secret.CALLBACK_SECRET)
                .map(secret -> new CallbackRoutes(Map.of(HttpBackend.NAME,
                        new CallbackService(store, completion, new ResultImages(fetcher),
                                new RemoteWorkerProtocol(secret), clock))))
                .orElseGet(() -> new CallbackRoutes(Map.of()));
    }

    /** The JWKS route's keys: the webhook signing key's public half, none when no key is configured. */
    @Singleton
    PublishedKeys publishedKeys(Secrets secrets) {
        return new PublishedKeys(secrets.read(Secret.WEBHOOK_KEY).map(SigningKey::fromPem).map(List::of)
                .orElse(List.of()));
    }
}
