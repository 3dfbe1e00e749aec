package dev.sticker.core.account;

import dev.sticker.core.input.InputSchema;
import dev.sticker.core.input.ParsedInput;
import dev.sticker.core.input.StickerInput;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PricingTest {

    private final Pricing pricing = new Pricing(20_000);

    @Test
    void priceIsPerOutputMegapixelOfTheSizeDelivered() {
        assertEquals(new Pricing.Quote(new BigDecimal("1.048576"), 20_972), pricing.quote(input("\"square_hd\"", false)));
        assertEquals(new Pricing.Quote(new BigDecimal("0.262144"), 5_243), pricing.quote(input("\"square\"", false)));
        assertEquals(new Pricing.Quote(new BigDecimal("4.194304"), 83_886), pricing.quote(input("\"square_hd\"", true)),
                "upscaling doubles each side");
        assertEquals(new Pricing.Quote(new BigDecimal("0.4"), 8_000),
                pricing.quote(input("{\"width\": 800, \"height\": 500}", false)));
    }

    @Test
    void quantitiesArePricedExactlyAndRoundedHalfUpToTheMicroDollar() {
        assertEquals(20_972, pricing.quote(new BigDecimal("1.048576")).costMicros(), "20971.52 rounds up");
        assertEquals(0, pricing.quote(BigDecimal.ZERO).costMicros());
        assertEquals(2_000_000_000L, pricing.quote(new BigDecimal("100000")).costMicros());
    }

    @Test
    void aNegativeUnitPriceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Pricing(-1));
    }

    private static StickerInput input(String size, boolean upscale) {
        return ((ParsedInput.Valid) InputSchema.parse("{\"image_url\": \"https://example.com/a.png\", \"prompt\": \"x\","
                + " \"image_size\": " + size + ", \"upscale\": " + upscale + "}")).input();
    }
}
