package dev.sticker.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cold start as a CLI or a fresh function instance sees it: time from JVM start to the engine loaded, and to the
 * first sticker, the next renders one by one as the JIT catches up, then the same render warm. Run in a fresh JVM by
 * {@code functions/engine/bench.sh}. Besides wall times it prints the render thread's CPU time, which a busy machine
 * does not inflate, per stage and in all, and the whole process's CPU time, which adds what the JIT compiler threads
 * and the collector spent meanwhile.
 */
public final class FirstRender {

    private static final int WARM_UP = 20;
    private static final int WARM_RUNS = 9;

    private FirstRender() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean process =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        byte[] photo = EngineBench.samplePhoto();
        StickerParams params = new StickerParams("a person", "", 20, 4.5, 0.7, 0.2, 0.5, 1024, 1024, false, 10, 42,
                true);
        try (StickerEngine engine = StickerEngine.load(1)) {
            long loaded = System.currentTimeMillis();
            long processStart = process.getProcessCpuTime();
            StageClock first = new StageClock(threads);
            RenderOutcome outcome = first.render(engine, photo, params);
            long firstDone = System.currentTimeMillis();
            double firstProcessMs = (process.getProcessCpuTime() - processStart) / 1e6;
            if (!(outcome instanceof RenderOutcome.Rendered)) {
                throw new IllegalStateException("the sample photo did not render: " + outcome);
            }
            // The warm-up curve: how many renders a snapshot's priming needs before the JIT has caught up.
            StringBuilder curve = new StringBuilder();
            for (int i = 0; i < WARM_UP; i++) {
                long wallStart = System.nanoTime();
                engine.render(photo, params, Progress.NONE);
                curve.append(' ').append((System.nanoTime() - wallStart) / 1_000_000);
            }
            long[] warmWall = new long[WARM_RUNS];
            List<StageClock> warm = new ArrayList<>();
            for (int i = 0; i < WARM_RUNS; i++) {
                long wallStart = System.nanoTime();
                StageClock clock = new StageClock(threads);
                clock.render(engine, photo, params);
                warmWall[i] = System.nanoTime() - wallStart;
                warm.add(clock);
            }
            double warmMs = median(warmWall) / 1e6;
            double warmThreadMs = median(warm.stream().mapToLong(StageClock::total).toArray()) / 1e6;
            double firstThreadMs = first.total() / 1e6;
            System.out.printf("JVM start -> engine loaded:   %6d ms%n", loaded - jvmStart);
            System.out.printf("JVM start -> first sticker:   %6d ms%n", firstDone - jvmStart);
            System.out.printf("first render alone:           %6d ms (render thread CPU %.0f ms, process CPU %.0f ms)%n",
                    firstDone - loaded, firstThreadMs, firstProcessMs);
            System.out.printf("warm render (median of %d):    %6.1f ms (render thread CPU %.1f ms)%n", WARM_RUNS,
                    warmMs, warmThreadMs);
            System.out.printf("renders 2 to %d, wall ms:    %s%n", WARM_UP + 1, curve);
            System.out.printf("first render / warm render:   %6.1f x wall, %.1f x render thread CPU%n",
                    (firstDone - loaded) / warmMs, firstThreadMs / warmThreadMs);
            System.out.printf("  %-22s %12s %12s%n", "render thread CPU", "first", "warm median");
            for (Map.Entry<String, Long> stage : first.stages.entrySet()) {
                long[] warmStage = warm.stream().mapToLong(clock -> clock.stages.getOrDefault(stage.getKey(), 0L))
                        .toArray();
                System.out.printf("  %-22s %9.0f ms %9.1f ms%n", stage.getKey(), stage.getValue() / 1e6,
                        median(warmStage) / 1e6);
            }
        }
    }

    /** One render's thread CPU time per stage, the stages named as {@link StageTimes} names them. */
    private static final class StageClock {
        final Map<String, Long> stages = new LinkedHashMap<>();
        private final ThreadMXBean threads;
        private String stage = "decoding image";
        private long stageStart;
        private long start;
        private long end;

        StageClock(ThreadMXBean threads) {
            this.threads = threads;
        }

        RenderOutcome render(StickerEngine engine, byte[] photo, StickerParams params) {
            start = threads.getCurrentThreadCpuTime();
            stageStart = start;
            RenderOutcome outcome = engine.render(photo, params, line -> {
                if (!line.startsWith("decoding image")) {
                    next(StageTimes.stageName(line));
                }
            });
            next(null);
            end = stageStart;
            return outcome;
        }

        long total() {
            return end - start;
        }

        private void next(String name) {
            long now = threads.getCurrentThreadCpuTime();
            stages.merge(stage, now - stageStart, Long::sum);
            stage = name;
            stageStart = now;
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
