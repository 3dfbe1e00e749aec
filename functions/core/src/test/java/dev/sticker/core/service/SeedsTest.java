package dev.sticker.core.service;

import dev.sticker.core.input.ImageSize;
import dev.sticker.core.input.StickerInput;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedsTest {

    private static final long FAL_BOUND = 1L << 32;
    private static final StickerInput WITHOUT_SEED = new StickerInput("https://example.com/face.jpg", "a person", "",
            20, 4.5, 0.7, 0.2, 0.5, ImageSize.SQUARE_HD, false, 10, null, true);

    @Test
    void drawnSeedsStayInFalsRangeAndVary() {
        Set<Long> drawn = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            long seed = Seeds.of(WITHOUT_SEED);
            assertTrue(seed >= 0 && seed < FAL_BOUND, Long.toString(seed));
            drawn.add(seed);
        }
        assertTrue(drawn.size() > 190, drawn.size() + " distinct of 200");
    }

    @Test
    void theCallersSeedIsKept() {
        assertEquals(42, Seeds.of(WITHOUT_SEED.withSeed(42)));
    }

    @Test
    void aRenewedGeneratorKeepsDrawingFreshSeeds() {
        long before = Seeds.of(WITHOUT_SEED);
        Seeds.renew();
        long after = Seeds.of(WITHOUT_SEED);

        assertTrue(after >= 0 && after < FAL_BOUND);
        assertTrue(before != after || Seeds.of(WITHOUT_SEED) != after, "a renewed generator repeats the last seed");
    }
}
