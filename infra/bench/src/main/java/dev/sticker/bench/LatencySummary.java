package dev.sticker.bench;

import java.util.Arrays;

/**
 * Percentiles of a set of measured durations, by the nearest-rank method (a reported figure is always one that was
 * actually measured).
 */
public record LatencySummary(int count, double p50Millis, double p99Millis, double minMillis, double maxMillis) {

    public static LatencySummary of(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.99)),
                millis(sorted[0]), millis(sorted[sorted.length - 1]));
    }

    /** The median, also by nearest rank: the lower middle of an even count. */
    public static double medianMillis(long[] nanos) {
        return of(nanos).p50Millis();
    }

    static long rank(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }
}
