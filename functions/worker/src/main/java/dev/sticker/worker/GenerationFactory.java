package dev.sticker.worker;

import dev.sticker.core.aws.AwsClients;
import dev.sticker.core.aws.ParameterStoreSecrets;
import dev.sticker.core.config.Settings;
import dev.sticker.core.guard.RequestForgeryGuard;
import dev.sticker.core.photo.ImageFetcher;
import dev.sticker.core.port.Backend;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.remote.CallbackSignature;
import dev.sticker.core.remote.HttpBackend;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.JobRunner;
import dev.sticker.core.service.PhotoSource;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.engine.StickerEngine;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the job runner and its backend once, at init, for the job handler only: the engine's models are loaded
 * here, so a SnapStart snapshot already holds them, and the dead-letter handler never pays for them.
 */
@Factory
@Requires(env = GenerationFactory.ENVIRONMENT)
class GenerationFactory {

    /** The Micronaut environment the job handler adds to the worker's. */
    static final String ENVIRONMENT = "sticker-generation";

    @Singleton
    Backend backend(Settings settings, AwsClients aws, Clock clock) {
        return switch (settings.backend()) {
            case BUILTIN -> new BuiltinBackend(StickerEngine.load());
            case HTTP -> new HttpBackend(URI.create(settings.remoteWorkerUrl()),
                    new ApiUrls(settings.configuredPublicUrl().orElseThrow(() -> new IllegalStateException(
                            "the http backend needs " + Settings.PUBLIC_URL + " for its callback URLs"))),
                    new CallbackSignature(ParameterStoreSecrets.resolve(settings.secrets(), aws.parameters())
                            .callbackSecret().orElseThrow(() -> new IllegalStateException("the http backend needs "
                                    + Settings.CALLBACK_SECRET + " or " + ParameterStoreSecrets.SECRET_PARAMETER))),
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), clock);
        };
    }

    @Singleton
    JobRunner jobRunner(RequestStore store, Backend backend, ObjectStore objects, Completion completion,
                        Settings settings, Clock clock) {
        ImageFetcher fetcher = new ImageFetcher(new RequestForgeryGuard(settings.urlAllowlist()));
        PhotoSource photos = new PhotoSource(objects, fetcher, settings.configuredPublicUrl().map(ApiUrls::new));
        return new JobRunner(store, backend, photos, completion, clock);
    }
}
