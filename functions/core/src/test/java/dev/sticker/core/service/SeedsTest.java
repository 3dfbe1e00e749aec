package dev.sticker.core.service;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedsTest {

    private static final long BOUND = 1L << 32;

    @Test
    void seedsStayBelowTheBoundAndVary() {
        Set<Long> drawn = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long seed = Seeds.draw(BOUND);
            assertTrue(seed >= 0 && seed < BOUND, Long.toString(seed));
            drawn.add(seed);
        }
        assertTrue(drawn.size() > 190, drawn.size() + " distinct of 200");
    }

    @Test
    void aRenewedGeneratorKeepsDrawingFreshSeeds() {
        long before = Seeds.draw(BOUND);
        Seeds.renew();
        long after = Seeds.draw(BOUND);

        assertTrue(after >= 0 && after < BOUND);
        assertTrue(before != after || Seeds.draw(BOUND) != after, "a renewed generator repeats the last seed");
    }
}
