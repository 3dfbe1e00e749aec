package dev.sticker.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * A cold start as a CLI or a fresh function instance sees it: time from JVM start to the engine loaded, and to the
 * first sticker, then the same render warm. Run in a fresh JVM by {@code functions/engine/bench.sh}. Besides wall
 * times it prints the render thread's CPU time, which a busy machine does not inflate, and the whole process's CPU
 * time, which adds what the JIT compiler threads and the collector spent meanwhile.
 */
public final class FirstRender {

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
            long threadStart = threads.getCurrentThreadCpuTime();
            long processStart = process.getProcessCpuTime();
            RenderOutcome first = engine.render(photo, params, Progress.NONE);
            long firstDone = System.currentTimeMillis();
            double firstThreadMs = (threads.getCurrentThreadCpuTime() - threadStart) / 1e6;
            double firstProcessMs = (process.getProcessCpuTime() - processStart) / 1e6;
            if (!(first instanceof RenderOutcome.Rendered)) {
                throw new IllegalStateException("the sample photo did not render: " + first);
            }
            for (int i = 0; i < 20; i++) {
                engine.render(photo, params, Progress.NONE);
            }
            long[] warmWall = new long[9];
            long[] warmThread = new long[warmWall.length];
            for (int i = 0; i < warmWall.length; i++) {
                long wallStart = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                engine.render(photo, params, Progress.NONE);
                warmThread[i] = threads.getCurrentThreadCpuTime() - cpuStart;
                warmWall[i] = System.nanoTime() - wallStart;
            }
            double warmMs = median(warmWall) / 1e6;
            double warmThreadMs = median(warmThread) / 1e6;
            System.out.printf("JVM start -> engine loaded:   %6d ms%n", loaded - jvmStart);
            System.out.printf("JVM start -> first sticker:   %6d ms%n", firstDone - jvmStart);
            System.out.printf("first render alone:           %6d ms (render thread CPU %.0f ms, process CPU %.0f ms)%n",
                    firstDone - loaded, firstThreadMs, firstProcessMs);
            System.out.printf("warm render (median of %d):    %6.1f ms (render thread CPU %.1f ms)%n", warmWall.length,
                    warmMs, warmThreadMs);
            System.out.printf("first render / warm render:   %6.1f x wall, %.1f x render thread CPU%n",
                    (firstDone - loaded) / warmMs, firstThreadMs / warmThreadMs);
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
