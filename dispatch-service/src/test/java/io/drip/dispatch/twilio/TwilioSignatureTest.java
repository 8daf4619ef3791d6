package io.drip.dispatch.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {
    /** The example of Twilio's "Validating requests" documentation. */
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, List<String>> PARAMS = Map.of("CallSid", List.of("CA1234567890ABCDE"),
            "Caller", List.of("+14158675310"), "Digits", List.of("1234"), "From", List.of("+14158675310"),
            "To", List.of("+18005551212"));

    @Test
    void signsAsTwilioDocumentsIt() {
        assertEquals("GvWf1cFY/Q7PnoempGyD5oXAezc=", TwilioSignature.sign("12345", URL, PARAMS));
    }

    @Test
    void refusesATamperedRequestOrAnotherToken() {
        assertTrue(TwilioSignature.valid("12345", URL, PARAMS, "GvWf1cFY/Q7PnoempGyD5oXAezc="));
        var tampered = new java.util.HashMap<>(PARAMS);
        tampered.put("Digits", List.of("9999"));
        assertFalse(TwilioSignature.valid("12345", URL, tampered, "GvWf1cFY/Q7PnoempGyD5oXAezc="));
        assertFalse(TwilioSignature.valid("54321", URL, PARAMS, "GvWf1cFY/Q7PnoempGyD5oXAezc="));
        assertFalse(TwilioSignature.valid("12345", URL, PARAMS, null));
    }
}
