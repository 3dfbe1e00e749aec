package dev.sticker.core.account;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money as whole micro-dollars (10^-6 USD) in a {@code long}: exact sums, no floating point. Amounts cross the API
 * as USD decimals and are rounded half up to the micro-dollar on the way in.
 */
public final class Micros {

    private static final BigDecimal PER_USD = BigDecimal.valueOf(1_000_000);

    private Micros() {
    }

    public static long fromUsd(BigDecimal usd) {
        return usd.multiply(PER_USD).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** As few decimals as the amount needs, never an exponent: 100, 2.5, 0.020972. */
    public static BigDecimal toUsd(long micros) {
        BigDecimal usd = BigDecimal.valueOf(micros).divide(PER_USD).stripTrailingZeros();
        return usd.scale() < 0 ? usd.setScale(0) : usd;
    }
}
