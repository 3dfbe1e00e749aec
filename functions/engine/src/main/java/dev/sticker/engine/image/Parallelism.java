package dev.sticker.engine.image;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Runs independent index ranges on a fixed number of threads. Work is split into chunks whose bounds do not depend
 * on the thread count, and every chunk writes only its own outputs, so results are identical however many threads
 * run them.
 */
public final class Parallelism implements AutoCloseable {

    public static final Parallelism SINGLE = new Parallelism(null);

    private final ForkJoinPool pool;

    private Parallelism(ForkJoinPool pool) {
        this.pool = pool;
    }

    public static Parallelism of(int threads) {
        return threads <= 1 ? SINGLE : new Parallelism(new ForkJoinPool(threads));
    }

    /** A range task over {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int from, int to);
    }

    /** Calls {@code task} over {@code [0, count)} in chunks of {@code chunk} indices. */
    public void forRange(int count, int chunk, RangeTask task) {
        int chunks = (count + chunk - 1) / chunk;
        if (pool == null || chunks <= 1) {
            for (int from = 0; from < count; from += chunk) {
                task.run(from, Math.min(count, from + chunk));
            }
            return;
        }
        pool.submit(() -> IntStream.range(0, chunks).parallel()
                        .forEach(c -> task.run(c * chunk, Math.min(count, (c + 1) * chunk))))
                .join();
    }

    /** Stops the threads (idle threads also end by themselves); the single-thread instance has none. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    /** Calls {@code task} over {@code [0, count)} in a chunk size suited to row-by-row image work. */
    public void forRows(int count, RangeTask task) {
        forRange(count, 32, task);
    }
}
