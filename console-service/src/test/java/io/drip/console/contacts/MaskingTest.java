package io.drip.console.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.console.api.ContactView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskingTest {
    private final Masking viewer = new Masking(false);
    private final Masking ops = new Masking(true);

    @Test
    void aNumberKeepsItsCountryItsFirstAndItsLastTwoDigitsForNonOps() {
        assertEquals("+33 6•• •• •• 78", viewer.phone("+33612345678"));
        assertEquals("+31 6•• •• •• 05", viewer.phone("+31612340005"));
        assertEquals("+14 1•• •• •• 23", viewer.phone("+14155550123"), "the first three digits, whatever the country");
        assertEquals("••••", viewer.phone("1234"));
        assertEquals("+33612345678", ops.phone("+33612345678"));
        assertEquals("hidden", viewer.text("Your cart is waiting"));
        assertEquals("Your cart is waiting", ops.text("Your cart is waiting"));
    }

    @Test
    void numberTraitsAndQuotedTextsAreMaskedToo() {
        Map<String, Object> traits = new LinkedHashMap<>();
        traits.put("phone", "+33612345678");
        traits.put("first_name", "Ada");
        assertEquals(Map.of("phone", "+33 6•• •• •• 78", "first_name", "Ada"), viewer.traits(traits));
        assertEquals("m-1: hidden", viewer.detail(new ContactView.RunLine(Instant.EPOCH, "hello", "sent", "m-1: Hi Ada")));
        assertEquals("hidden", viewer.detail(new ContactView.RunLine(Instant.EPOCH, "set", "updated", "{\"vip\":true}")));
        assertEquals("Checkout Started (e-1)",
                viewer.detail(new ContactView.RunLine(Instant.EPOCH, null, "entered", "Checkout Started (e-1)")));
        assertEquals("m-1: Hi Ada", ops.detail(new ContactView.RunLine(Instant.EPOCH, "hello", "sent", "m-1: Hi Ada")));
        var decision = new ContactView.Decision("sms", "marketing", "opted_in", "api", Instant.EPOCH, "form-42",
                "203.0.113.7", "shop", null, null);
        assertEquals("hidden", viewer.decision(decision).ip());
        assertEquals("203.0.113.7", ops.decision(decision).ip());
    }
}
