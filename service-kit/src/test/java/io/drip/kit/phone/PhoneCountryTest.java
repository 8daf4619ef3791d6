package io.drip.kit.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PhoneCountryTest {

    @Test
    void aNumbersCountryIsTheRegionOfItsRange() {
        assertEquals("FR", PhoneCountry.of("+33612345678"));
        assertEquals("AU", PhoneCountry.of("+61412345678"));
        // +1 is shared: the range decides (415 is San Francisco, 416 Toronto)
        assertEquals("US", PhoneCountry.of("+14155550123"));
        assertEquals("CA", PhoneCountry.of("+14165550123"));
    }

    @Test
    void noNumberOrANumberOfNoCountryHasNone() {
        assertNull(PhoneCountry.of(null));
        assertNull(PhoneCountry.of("not a number"));
        assertNull(PhoneCountry.of("+80012345678"), "international freephone (+800) is of no country");
    }
}
