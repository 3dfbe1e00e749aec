package dev.sticker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    @Test
    void percentilesAreNearestRankOfTheMeasuredValues() {
        // 1..100 ms, shuffled by stepping through the range: p50 is the 50th value, p99 the 99th.
        long[] nanos = LongStream.range(0, 100).map(i -> ((i * 37) % 100 + 1) * 1_000_000).toArray();
        LatencySummary summary = LatencySummary.of(nanos);
        assertEquals(100, summary.count());
        assertEquals(50.0, summary.p50Millis());
        assertEquals(99.0, summary.p99Millis());
        assertEquals(1.0, summary.minMillis());
        assertEquals(100.0, summary.maxMillis());
    }

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        long[] nanos = {9_000_000, 1_000_000, 3_000_000, 7_000_000, 2_000_000};
        assertEquals(3.0, LatencySummary.medianMillis(nanos));
    }

    @Test
    void p99OfFewSamplesIsTheLargest() {
        assertEquals(7.5, LatencySummary.of(new long[] {2_000_000, 7_500_000, 1_000_000}).p99Millis());
    }

    @Test
    void noSamplesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> LatencySummary.of(new long[0]));
    }
}
