package io.drip.kit.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class E164NumbersTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** libphonenumber's own example numbers: every region and type, and the non-geographic ones. */
    private static List<PhoneNumber> examples() {
        List<PhoneNumber> examples = new ArrayList<>();
        for (String region : UTIL.getSupportedRegions()) {
            for (PhoneNumberType type : PhoneNumberType.values()) {
                PhoneNumber example = UTIL.getExampleNumberForType(region, type);
                if (example != null) {
                    examples.add(example);
                }
            }
        }
        for (int callingCode : UTIL.getSupportedGlobalNetworkCallingCodes()) {
            examples.add(UTIL.getExampleNumberForNonGeoEntity(callingCode));
        }
        return examples;
    }

    @Test
    void everyExampleNumberOfLibphonenumberInE164IsReadAsItsParseReadsIt() throws NumberParseException {
        List<PhoneNumber> examples = examples();
        assertTrue(examples.size() > 1000, "examples: " + examples.size());
        List<String> differ = new ArrayList<>();
        int leadingZeros = 0;
        for (PhoneNumber example : examples) {
            String e164 = UTIL.format(example, PhoneNumberFormat.E164);
            PhoneNumber read = E164Numbers.read(e164);
            if (!read.exactlySameAs(UTIL.parse(e164, null))) {
                differ.add(e164 + ": " + read);
            }
            leadingZeros += read.isItalianLeadingZero() ? 1 : 0;
        }
        assertEquals(List.of(), differ);
        assertTrue(leadingZeros > 10, "numbers with leading zeros among them: " + leadingZeros);
    }

    @Test
    void textOfAnotherShapeIsParsedAndWhatIsNoNumberIsRefused() throws NumberParseException {
        assertTrue(E164Numbers.read("+33 6 12 34 56 78").exactlySameAs(UTIL.parse("+33612345678", null)));
        assertTrue(E164Numbers.read("+390612345678").isItalianLeadingZero());
        assertThrows(NumberParseException.class, () -> E164Numbers.read("not a number"));
        assertThrows(NumberParseException.class, () -> E164Numbers.read("+99912345678"), "+999 is no calling code");
        assertThrows(NumberParseException.class, () -> E164Numbers.read("0612345678"), "no calling code, no region");
    }
}
