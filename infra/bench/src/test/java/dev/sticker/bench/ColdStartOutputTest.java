package dev.sticker.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ColdStartOutputTest {

    @Test
    void theParentReadsTheProbeLineRelativeToItsLaunchStamp() {
        String output = "some log line\n" + ColdStartProbe.timingsLine(1_100, 1_400, 1_900, 2_000, "3f2a-77") + "\n";
        ColdStartBench.Timing timing = ColdStartBench.parse(output, 1_000).orElseThrow();
        assertEquals(100, timing.jvmStart());
        assertEquals(300, timing.handlerInit());
        assertEquals(500, timing.firstRequest());
        assertEquals(900, timing.firstAnswered());
        assertEquals(100, timing.secondRequest());
        assertEquals("3f2a-77", timing.requestId());
    }

    @Test
    void outputWithoutTheProbeLineIsNoTiming() {
        Optional<ColdStartBench.Timing> timing = ColdStartBench.parse("Exception in thread \"main\"", 0);
        assertTrue(timing.isEmpty());
    }
}
