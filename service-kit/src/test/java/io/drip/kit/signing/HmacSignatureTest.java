package io.drip.kit.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HmacSignatureTest {
    private static final Instant NOW = Instant.parse("2026-05-04T12:00:00Z");

    @Test
    void theSignatureIsTheHexHmacOfTimestampDotBody() {
        // python3 -c "import hmac,hashlib; print(hmac.new(b'secret', b'1777896000.{\"a\":1}', hashlib.sha256).hexdigest())"
        assertEquals("sha256=50f4e1492534e56032137c97548b2a6886908ddd3230fbedf65c94e25af546ea",
                HmacSignature.sign("secret", NOW.getEpochSecond(), "{\"a\":1}"));
    }

    @Test
    void aSignedRecentRequestIsValid() {
        long at = NOW.getEpochSecond();
        String signature = HmacSignature.sign("secret", at, "{\"code\":\"SAVE10\"}");
        assertTrue(HmacSignature.valid("secret", Long.toString(at), "{\"code\":\"SAVE10\"}", signature, NOW.plusSeconds(60)));
    }

    @Test
    void anotherBodySecretOrTimestampOrAStaleRequestIsNot() {
        long at = NOW.getEpochSecond();
        String signature = HmacSignature.sign("secret", at, "body");
        assertFalse(HmacSignature.valid("secret", Long.toString(at), "body2", signature, NOW));
        assertFalse(HmacSignature.valid("other", Long.toString(at), "body", signature, NOW));
        assertFalse(HmacSignature.valid("secret", Long.toString(at + 1), "body", signature, NOW));
        assertFalse(HmacSignature.valid("secret", Long.toString(at), "body", signature, NOW.plus(HmacSignature.TOLERANCE)
                .plusSeconds(1)));
        assertFalse(HmacSignature.valid("secret", null, "body", signature, NOW));
        assertFalse(HmacSignature.valid("secret", "12abc", "body", signature, NOW));
    }
}
