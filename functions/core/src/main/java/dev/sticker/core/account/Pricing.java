package dev.sticker.core.account;

import dev.sticker.core.input.StickerInput;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * What a sticker costs: a unit price per output megapixel of the sticker (width × height / 10^6 of the size
 * delivered, twice each side when upscaled); the background-removed copy comes with it. The price is known from the
 * input alone, so it is reserved at submit and charged on success.
 */
public final class Pricing {

    public static final String ENDPOINT_ID = "fal-ai/face-to-sticker";
    public static final String UNIT = "megapixels";
    public static final String CURRENCY = "USD";
    private static final BigDecimal PIXELS_PER_MEGAPIXEL = BigDecimal.valueOf(1_000_000);

    private final long unitPriceMicros;

    /** @param unitPriceMicros the price of one output megapixel, in micro-dollars */
    public Pricing(long unitPriceMicros) {
        if (unitPriceMicros < 0) {
            throw new IllegalArgumentException("the unit price must not be negative: " + unitPriceMicros);
        }
        this.unitPriceMicros = unitPriceMicros;
    }

    /** A price and the quantity it is for. */
    public record Quote(BigDecimal megapixels, long costMicros) {
    }

    public long unitPriceMicros() {
        return unitPriceMicros;
    }

    public Quote quote(StickerInput input) {
        int scale = input.upscale() ? 2 : 1;
        long pixels = (long) input.imageSize().width() * scale * input.imageSize().height() * scale;
        return quote(BigDecimal.valueOf(pixels).divide(PIXELS_PER_MEGAPIXEL, MathContext.DECIMAL64));
    }

    /** The cost of a quantity of megapixels, rounded half up to the micro-dollar. */
    public Quote quote(BigDecimal megapixels) {
        long cost = megapixels.multiply(BigDecimal.valueOf(unitPriceMicros))
                .setScale(0, RoundingMode.HALF_UP).longValueExact();
        return new Quote(megapixels.stripTrailingZeros(), cost);
    }
}
