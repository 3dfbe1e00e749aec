package dev.sticker.worker;

import dev.sticker.core.backend.BackendSettings;
import dev.sticker.core.backend.Backends;
import dev.sticker.core.backend.RemoteBackends;
import dev.sticker.core.config.Secrets;
import dev.sticker.core.config.Settings;
import dev.sticker.core.guard.RequestForgeryGuard;
import dev.sticker.core.photo.ImageFetcher;
import dev.sticker.core.photo.ResultImages;
import dev.sticker.core.port.AccountStore;
import dev.sticker.core.port.Backend;
import dev.sticker.core.port.CircuitBreaker;
import dev.sticker.core.port.JobQueue;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.port.RemoteBackend;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.FailOver;
import dev.sticker.core.service.JobRunner;
import dev.sticker.core.service.PhotoSource;
import dev.sticker.core.service.RemoteJobs;
import dev.sticker.core.sweep.SweepSettings;
import dev.sticker.engine.StickerEngine;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The job runner and its backend, for the job function only: the engine's models are loaded here, once, so a
 * SnapStart snapshot already holds them, and the other queue functions never pay for them.
 */
@Factory
@Requires(env = GenerationFactory.ENVIRONMENT)
class GenerationFactory {

    /** The Micronaut environment the job function adds to the queue functions'. */
    static final String ENVIRONMENT = "sticker-generation";

    /** The backends in the configured order: the builtin engine here, loaded once, the others reaching out. */
    @Singleton
    Backends backends(BackendSettings settings, Secrets secrets, RequestForgeryGuard guard, CircuitBreaker breaker,
                      Settings general, Clock clock) {
        List<RemoteBackend> remote = RemoteBackends.create(settings, secrets, guard, general.configuredPublicUrl(),
                clock);
        List<Backend> ordered = new ArrayList<>();
        for (String name : settings.order()) {
            if (name.equals(Backends.BUILTIN)) {
                ordered.add(new BuiltinBackend(StickerEngine.load()));
            } else {
                ordered.add(remote.stream().filter(backend -> backend.name().equals(name)).findFirst().orElseThrow());
            }
        }
        return new Backends(ordered, breaker);
    }

    @Singleton
    RemoteJobs remoteJobs(RequestStore store, Backends backends, JobQueue queue, ImageFetcher fetcher,
                          Completion completion, FailOver failOver, SweepSettings sweep, Clock clock) {
        return new RemoteJobs(store, backends, queue, new ResultImages(fetcher), completion, failOver,
                sweep.remoteTimeout(), clock);
    }

    @Singleton
    JobRunner jobRunner(RequestStore store, AccountStore accounts, JobQueue queue, Backends backends,
                        RemoteJobs remoteJobs, ObjectStore objects, ImageFetcher fetcher, Completion completion,
                        SweepSettings sweep, Clock clock) {
        return new JobRunner(store, accounts, queue, backends, remoteJobs, new PhotoSource(objects, fetcher),
                new ResultImages(fetcher), completion, sweep.workerTimeout(), clock);
    }
}
