package io.drip.dispatch.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComplianceTextTest {

    private static ComplianceText compliance(String brand) {
        ComplianceText text = new ComplianceText();
        text.config = new ComplianceText.Config() {
            @Override
            public Optional<String> brand() {
                return Optional.ofNullable(brand);
            }

            @Override
            public Map<String, String> footer() {
                return Map.of("en", "Reply STOP to opt out", "zh", "回TD退订");
            }

            @Override
            public Map<String, String> keyword() {
                return Map.of("en", "STOP", "zh", "退订");
            }

            @Override
            public String defaultLanguage() {
                return "en";
            }
        };
        return text;
    }

    @Test
    void addsTheBrandAndFooterInTheContactsLanguage() {
        assertEquals("Shop: Your cart is waiting Reply STOP to opt out", compliance("Shop").apply("Your cart is waiting", "en-GB"));
        assertEquals("【Shop】您的购物车还在等您回TD退订", compliance("Shop").apply("您的购物车还在等您", "zh-CN"));
        // an unknown language gets the default one's footer
        assertEquals("Shop: Hallo Reply STOP to opt out", compliance("Shop").apply("Hallo", "de"));
        assertEquals("Hi Reply STOP to opt out", compliance(null).apply("Hi", null));
    }

    @Test
    void keepsWhatTheTextAlreadySays() {
        assertEquals("【Shop】新品上市，回复退订", compliance("Shop").apply("【Shop】新品上市，回复退订", "zh_CN"));
        assertEquals("Shop news: text STOP to end", compliance("shop").apply("Shop news: text STOP to end", "en"));
        // STOPPED is not the keyword
        assertEquals("Shop: Never STOPPED Reply STOP to opt out", compliance("Shop").apply("Never STOPPED", "en"));
    }
}
