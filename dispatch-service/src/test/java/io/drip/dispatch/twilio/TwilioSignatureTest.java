package io.drip.dispatch.twilio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.security.RequestValidator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {
    /** The example of Twilio's "Validating requests" documentation. */
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final Map<String, List<String>> PARAMS = Map.of("CallSid", List.of("CA1234567890ABCDE"),
            "Caller", List.of("+14158675310"), "Digits", List.of("1234"), "From", List.of("+14158675310"),
            "To", List.of("+18005551212"));
    /**
     * The vectors of Twilio's own validator tests (twilio-java, RequestValidatorTest, MIT licence):
     * the same request from +14158675309, and the signatures Twilio makes of its URL with and
     * without a port.
     */
    private static final Map<String, List<String>> SDK_PARAMS = Map.of("CallSid", List.of("CA1234567890ABCDE"),
            "Caller", List.of("+14158675309"), "Digits", List.of("1234"), "From", List.of("+14158675309"),
            "To", List.of("+18005551212"));

    @Test
    void signsAsTwilioDocumentsIt() {
        assertEquals("GvWf1cFY/Q7PnoempGyD5oXAezc=", TwilioSignature.sign("12345", URL, PARAMS));
        assertEquals("RSOYDt4T1cUTdK1PDd93/VVr8B8=", TwilioSignature.sign("12345", URL, SDK_PARAMS));
    }

    @Test
    void acceptsTheUrlWithAndWithoutItsPortAsTwiliosValidatorsDo() {
        // signed over https://mycompany.com:443/…, the URL known without the port
        assertTrue(TwilioSignature.valid("12345", URL, SDK_PARAMS, "kvajT1Ptam85bY51eRf/AJRuM3w="));
        // signed over http://mycompany.com:80/…
        assertTrue(TwilioSignature.valid("12345", URL.replace("https", "http"), SDK_PARAMS,
                "0ZXoZLH/DfblKGATFgpif+LLRf4="));
        // signed without the port, the URL known with another one
        assertTrue(TwilioSignature.valid("12345", URL.replace(".com", ".com:1234"), SDK_PARAMS,
                "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
        // signed with that port
        assertTrue(TwilioSignature.valid("12345", URL.replace(".com", ".com:1234").replace("https", "http"),
                SDK_PARAMS, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU="));
        // signed without the port, the URL known with the default one
        assertTrue(TwilioSignature.valid("12345", URL.replace(".com", ".com:443"), SDK_PARAMS,
                "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    @Test
    void refusesATamperedRequestOrAnotherToken() {
        assertTrue(TwilioSignature.valid("12345", URL, PARAMS, "GvWf1cFY/Q7PnoempGyD5oXAezc="));
        var tampered = new HashMap<>(PARAMS);
        tampered.put("Digits", List.of("9999"));
        assertFalse(TwilioSignature.valid("12345", URL, tampered, "GvWf1cFY/Q7PnoempGyD5oXAezc="));
        assertFalse(TwilioSignature.valid("54321", URL, PARAMS, "GvWf1cFY/Q7PnoempGyD5oXAezc="));
        assertFalse(TwilioSignature.valid("12345", URL, PARAMS, null));
        assertFalse(TwilioSignature.valid("12345", URL, SDK_PARAMS, "NOTRSOYDt4T1cUTdK1PDd93/VVr8B8="));
        // another host or path is another URL, port or not
        assertFalse(TwilioSignature.valid("12345", URL.replace("mycompany", "theirs"), SDK_PARAMS,
                "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
    }

    /**
     * Twilio's own validator (twilio-java's {@code RequestValidator}) as the oracle: for URLs
     * written with their default port, another port or none, with paths and queries, and requests
     * signed over the same URL, another way of writing it, another host or another token, Drip
     * accepts a signature exactly when Twilio's SDK does.
     */
    @Test
    void acceptsWhatTwiliosOwnValidatorAcceptsAndNothingElse() {
        Random random = new Random(19);
        RequestValidator twilio = new RequestValidator("12345");
        int accepted = 0;
        int cases = 3_000;
        for (int i = 0; i < cases; i++) {
            String scheme = pick(random, "https", "http");
            String host = pick(random, "mycompany.com", "dispatch.shop.example", "10.0.0.7");
            String rest = pick(random, "", "/", "/v1/providers/twilio/status", "/myapp.php")
                    + pick(random, "", "?foo=1&bar=2", "?route=eu&note=a%20b", "?x=~y+z");
            String known = scheme + "://" + host + pick(random, "", ":443", ":80", ":8443") + rest;
            String signedOver = pick(random, scheme, "https") + "://" + pick(random, host, host, "other.example")
                    + pick(random, "", ":443", ":80", ":8443") + rest;
            Map<String, String> form = new HashMap<>();
            for (String name : List.of("MessageSid", "MessageStatus", "From", "Body", "ErrorCode")) {
                if (random.nextBoolean()) {
                    form.put(name, pick(random, "SM" + random.nextInt(1000), "+14158675309", "Stop ", "été 👋", ""));
                }
            }
            Map<String, List<String>> params = new HashMap<>();
            form.forEach((name, value) -> params.put(name, List.of(value)));
            String signature = TwilioSignature.sign(random.nextInt(10) == 0 ? "54321" : "12345", signedOver, params);

            boolean twiliosAnswer = twilio.validate(known, form, signature);
            assertEquals(twiliosAnswer, TwilioSignature.valid("12345", known, params, signature),
                    "known as " + known + ", signed over " + signedOver);
            accepted += twiliosAnswer ? 1 : 0;
        }
        // both answers were put to the test, often
        assertTrue(accepted > cases / 5 && accepted < cases * 4 / 5, accepted + " of " + cases + " accepted");
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
