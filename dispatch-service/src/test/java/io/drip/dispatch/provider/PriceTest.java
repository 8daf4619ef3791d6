package io.drip.dispatch.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PriceTest {

    @Test
    void aMessageCostsItsSegmentsTimesThePricePerSegmentExactly() {
        assertEquals(new Price(new BigDecimal("0.135"), "EUR"), new Price(new BigDecimal("0.045"), "EUR").times(3));
    }

    @Test
    void aCurrencyMustBeAnIso4217Code() {
        assertThrows(IllegalArgumentException.class, () -> new Price(BigDecimal.ONE, "EURO"));
    }
}
