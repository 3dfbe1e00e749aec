package dev.sticker.core.account;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MicrosTest {

    @Test
    void amountsLeaveAsPlainDecimalsWithTheFewestDigits() {
        assertEquals("100", Micros.toUsd(100_000_000).toString());
        assertEquals("2.5", Micros.toUsd(2_500_000).toString());
        assertEquals("0.020972", Micros.toUsd(20_972).toString());
        assertEquals("-0.25", Micros.toUsd(-250_000).toString());
        assertEquals("0", Micros.toUsd(0).toString());
    }

    @Test
    void amountsArriveRoundedHalfUpToTheMicroDollar() {
        assertEquals(20_972, Micros.fromUsd(new BigDecimal("0.0209715")));
        assertEquals(1, Micros.fromUsd(new BigDecimal("0.0000005")));
        assertEquals(-250_000, Micros.fromUsd(new BigDecimal("-0.25")));
    }
}
