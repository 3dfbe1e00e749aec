package dev.sticker.engine;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * A cold start as a CLI or a fresh function instance sees it: time from JVM start to the engine loaded, and to the
 * first sticker, then the same render warm. Run in a fresh JVM by {@code functions/engine/bench.sh}.
 */
public final class FirstRender {

    private FirstRender() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        byte[] photo = EngineBench.samplePhoto();
        StickerParams params = new StickerParams("a person", "", 20, 4.5, 0.7, 0.2, 0.5, 1024, 1024, false, 10, 42,
                true);
        try (StickerEngine engine = StickerEngine.load(1)) {
            long loaded = System.currentTimeMillis();
            RenderOutcome first = engine.render(photo, params, Progress.NONE);
            long firstDone = System.currentTimeMillis();
            if (!(first instanceof RenderOutcome.Rendered)) {
                throw new IllegalStateException("the sample photo did not render: " + first);
            }
            long[] warm = new long[9];
            for (int i = 0; i < 20; i++) {
                engine.render(photo, params, Progress.NONE);
            }
            for (int i = 0; i < warm.length; i++) {
                long t0 = System.nanoTime();
                engine.render(photo, params, Progress.NONE);
                warm[i] = System.nanoTime() - t0;
            }
            Arrays.sort(warm);
            double warmMs = warm[warm.length / 2] / 1e6;
            System.out.printf("JVM start -> engine loaded:   %6d ms%n", loaded - jvmStart);
            System.out.printf("JVM start -> first sticker:   %6d ms%n", firstDone - jvmStart);
            System.out.printf("first render alone:           %6d ms%n", firstDone - loaded);
            System.out.printf("warm render (median of %d):    %6.1f ms%n", warm.length, warmMs);
            System.out.printf("first render / warm render:   %6.1f x%n", (firstDone - loaded) / warmMs);
        }
    }
}
