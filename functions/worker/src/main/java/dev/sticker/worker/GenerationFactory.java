package dev.sticker.worker;

import dev.sticker.core.config.Secrets;
import dev.sticker.core.config.Settings;
import dev.sticker.core.photo.ImageFetcher;
import dev.sticker.core.photo.ResultImages;
import dev.sticker.core.port.AccountStore;
import dev.sticker.core.port.Backend;
import dev.sticker.core.port.JobQueue;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.remote.HttpBackend;
import dev.sticker.core.remote.RemoteWorkerProtocol;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.JobRunner;
import dev.sticker.core.service.PhotoSource;
import dev.sticker.core.sweep.SweepSettings;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.engine.StickerEngine;
import dev.sticker.settings.Secret;
import dev.sticker.settings.Setting;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/**
 * The job runner and its backend, for the job function only: the engine's models are loaded here, once, so a
 * SnapStart snapshot already holds them, and the other queue functions never pay for them.
 */
@Factory
@Requires(env = GenerationFactory.ENVIRONMENT)
class GenerationFactory {

    /** The Micronaut environment the job function adds to the queue functions'. */
    static final String ENVIRONMENT = "sticker-generation";

    @Singleton
    Backend backend(Settings settings, Secrets secrets, Clock clock) {
        return switch (settings.backend()) {
            case BUILTIN -> new BuiltinBackend(StickerEngine.load());
            case HTTP -> new HttpBackend(URI.create(settings.remoteWorkerUrl()),
                    new ApiUrls(settings.configuredPublicUrl().orElseThrow(() -> new IllegalStateException(
                            "the http backend needs " + Setting.PUBLIC_URL.variable() + " for its callback URLs"))),
                    new RemoteWorkerProtocol(secrets.read(Secret.CALLBACK_SECRET).orElseThrow(() ->
                            new IllegalStateException("the http backend needs " + Setting.CALLBACK_SECRET.variable()
                                    + " or the SSM parameter named by "
                                    + Setting.CALLBACK_SECRET_PARAMETER.variable()))),
                    HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), clock);
        };
    }

    @Singleton
    JobRunner jobRunner(RequestStore store, AccountStore accounts, JobQueue queue, Backend backend,
                        ObjectStore objects, ImageFetcher fetcher, Completion completion, SweepSettings sweep,
                        Clock clock) {
        return new JobRunner(store, accounts, queue, backend, new PhotoSource(objects, fetcher),
                new ResultImages(fetcher), completion, sweep.workerTimeout(), clock);
    }
}
