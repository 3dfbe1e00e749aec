package dev.sticker.worker;

import dev.sticker.core.aws.AwsPriming;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.core.backend.Backends;
import dev.sticker.core.config.Settings;
import dev.sticker.core.input.StickerInput;
import dev.sticker.core.photo.FetchResult;
import dev.sticker.core.port.BackendOutcome;
import dev.sticker.core.port.GenerationJob;
import dev.sticker.core.port.ObjectStore;
import dev.sticker.core.request.Status;
import dev.sticker.core.service.Priming;
import dev.sticker.core.service.Seeds;
import dev.sticker.formats.ImageType;
import io.micronaut.context.annotation.Requires;
import io.micronaut.crac.OrderedResource;
import jakarta.inject.Singleton;
import org.crac.Context;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queue functions' SnapStart hooks (CRaC resources, registered by micronaut-crac when the context starts; on a
 * JVM without CRaC they are never called). Before the snapshot: every SDK client is built, the services' priming
 * runs and, where the job handler renders with the built-in engine, {@value #RENDERS} renders of the shipped sample
 * photo, so the snapshot holds loaded models and engine code compiled by C2 (the first render takes about ten times
 * a warm one, the twelfth under twice; see docs/BENCHMARKS.md). The render goes to the backend directly: no request is
 * claimed, stored or completed, and a remote backend is never primed (that would dispatch a job). After the restore:
 * the seed generator is renewed, so environments restored from one snapshot draw different seeds.
 */
@Singleton
@Requires(env = WorkerFactory.ENVIRONMENT)
public final class WorkerPriming implements OrderedResource {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPriming.class);
    /** Sample renders before the snapshot: enough for C2 to have compiled the render's loops. */
    static final int RENDERS = 12;

    private final ObjectStore objects;
    private final SdkClients clients;
    private final Settings settings;
    private final Optional<Backends> backends;
    private final AtomicInteger primings = new AtomicInteger();
    private final AtomicInteger renders = new AtomicInteger();
    private final AtomicInteger restores = new AtomicInteger();

    WorkerPriming(ObjectStore objects, SdkClients clients, Settings settings, Optional<Backends> backends) {
        this.objects = objects;
        this.clients = clients;
        this.settings = settings;
        this.backends = backends;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        long started = System.nanoTime();
        try {
            clients.buildAll();
            new Priming(objects).run();
            StickerInput input = Priming.sampleInput();
            AwsPriming.marshal(Priming.sampleRequest(Status.IN_PROGRESS), settings.table(), settings.jobQueueUrl());
            if (backends.flatMap(configured -> configured.named(Backends.BUILTIN)).orElse(null)
                    instanceof BuiltinBackend builtin) {
                for (int i = 0; i < RENDERS; i++) {
                    render(builtin, input);
                }
            }
        } catch (RuntimeException e) {
            // Priming only makes the first job faster; a failed one must not fail the version's publication.
            LOG.error("priming failed, the snapshot is taken unprimed", e);
            return;
        }
        LOG.info("primed for the snapshot primings={} renders={} tookMs={}", primings.incrementAndGet(),
                renders.get(), (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        Seeds.renew();
        LOG.info("restored from the snapshot, seed generator renewed restores={}", restores.incrementAndGet());
    }

    /** How many times priming ran to completion in this process. */
    public int primings() {
        return primings.get();
    }

    /** How many sample stickers priming rendered. */
    public int renders() {
        return renders.get();
    }

    /** How many restores this process has been told of. */
    public int restores() {
        return restores.get();
    }

    private void render(BuiltinBackend builtin, StickerInput input) {
        long started = System.nanoTime();
        byte[] photo = Priming.samplePhoto();
        GenerationJob job = new GenerationJob(Priming.SAMPLE_REQUEST_ID, input, Priming.SAMPLE_SEED,
                () -> new FetchResult.Fetched(photo, ImageType.JPEG), input.imageUrl(), (level, message) -> { });
        BackendOutcome outcome = builtin.generate(job);
        if (!(outcome instanceof BackendOutcome.Done done)) {
            throw new IllegalStateException("the sample photo did not render: " + outcome);
        }
        renders.incrementAndGet();
        LOG.info("primed the engine with the sample photo width={} height={} tookMs={}", done.sticker().width(),
                done.sticker().height(), (System.nanoTime() - started) / 1_000_000);
    }
}
