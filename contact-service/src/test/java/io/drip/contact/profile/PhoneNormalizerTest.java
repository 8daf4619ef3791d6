package io.drip.contact.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PhoneNormalizerTest {

    @Test
    void nationalMobileNumberBecomesE164WithItsZone() {
        var result = PhoneNormalizer.normalize("06 12 34 56 78", "FR");
        assertEquals("+33612345678", result.e164());
        assertEquals(PhoneNormalizer.VALID, result.status());
        assertEquals(Optional.of("Europe/Paris"), result.timezone());
    }

    @Test
    void internationalFormIgnoresTheDefaultRegion() {
        assertEquals("+8613800138000", PhoneNormalizer.normalize("+86 138 0013 8000", "US").e164());
    }

    @Test
    void landlineIsKeptButMarkedNotMobile() {
        var result = PhoneNormalizer.normalize("+33 1 42 68 53 00", "US");
        assertEquals("+33142685300", result.e164());
        assertEquals(PhoneNormalizer.NOT_MOBILE, result.status());
    }

    @Test
    void garbageAndMissingNumbersHaveAStatusAndNoE164() {
        assertEquals(PhoneNormalizer.INVALID, PhoneNormalizer.normalize("12", "US").status());
        assertEquals(PhoneNormalizer.INVALID, PhoneNormalizer.normalize("call me", "US").status());
        assertEquals(PhoneNormalizer.MISSING, PhoneNormalizer.normalize(" ", "US").status());
        assertEquals(null, PhoneNormalizer.normalize("12", "US").e164());
    }
}
