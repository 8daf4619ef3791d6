package io.drip.tracking.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.drip.contracts.SendCommand;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UtmTest {

    private static String tag(String url, String step, String variant) {
        return Utm.tag(url, new SendCommand("m", "k", "c", "cart-abandonment", 1, step, variant, "sms", "marketing",
                "x", List.of(), null, null, Instant.EPOCH));
    }

    @Test
    void addsTheFourParametersToAUrlWithoutQuery() {
        assertEquals("https://shop.example/cart?utm_source=sms&utm_medium=marketing&utm_campaign=cart-abandonment"
                + "&utm_content=reminder", tag("https://shop.example/cart", "reminder", null));
    }

    @Test
    void keepsExistingParametersAndTheFragmentAndNamesTheVariant() {
        assertEquals("https://shop.example/p?id=4%202&x=&utm_source=sms&utm_medium=marketing"
                        + "&utm_campaign=cart-abandonment&utm_content=offer%2FB#reviews",
                tag("https://shop.example/p?id=4%202&x=#reviews", "offer", "B"));
    }

    @Test
    void aUtmParameterTheMarketerSetWins() {
        assertEquals("https://shop.example/?utm_source=newsletter&utm_medium=marketing&utm_campaign=cart-abandonment"
                + "&utm_content=reminder", tag("https://shop.example/?utm_source=newsletter", "reminder", null));
    }

    @Test
    void aTrailingSeparatorIsNotDoubled() {
        assertEquals("https://shop.example/?a=1&utm_source=sms&utm_medium=marketing&utm_campaign=cart-abandonment",
                tag("https://shop.example/?a=1&", null, null));
    }
}
