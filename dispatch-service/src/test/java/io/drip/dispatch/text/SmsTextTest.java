package io.drip.dispatch.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmsTextTest {

    @Test
    void gsmTextIsCountedInSeptetsWithTheExtensionTableAsTwo() {
        assertEquals(new SmsText("Hello", SmsText.Encoding.GSM7, 5, 1), SmsText.of("Hello"));
        assertEquals(SmsText.Encoding.GSM7, SmsText.of("Prix: 10€ {promo} à Paris").encoding());
        assertEquals(9, SmsText.of("10€ []").units()); // 1 + 1 + 2 (€) + 1 + 2 ([) + 2 (])
    }

    @Test
    void oneSmsHolds160SeptetsThenPartsOf153() {
        assertEquals(1, SmsText.of("a".repeat(160)).segments());
        assertEquals(2, SmsText.of("a".repeat(161)).segments());
        assertEquals(2, SmsText.of("a".repeat(306)).segments());
        assertEquals(3, SmsText.of("a".repeat(307)).segments());
        // 80 euro signs are 160 septets: one SMS; one more character makes two
        assertEquals(1, SmsText.of("€".repeat(80)).segments());
        assertEquals(2, SmsText.of("€".repeat(80) + "a").segments());
    }

    @Test
    void anythingOutsideGsmIsUcs2With70ThenPartsOf67() {
        SmsText chinese = SmsText.of("【Drip】您的购物车还在等您回TD退订");
        assertEquals(SmsText.Encoding.UCS2, chinese.encoding());
        assertEquals(1, SmsText.of("好".repeat(70)).segments());
        assertEquals(2, SmsText.of("好".repeat(71)).segments());
        assertEquals(3, SmsText.of("好".repeat(135)).segments());
        assertEquals(SmsText.Encoding.UCS2, SmsText.of("Hello 👋").encoding());
        assertEquals(8, SmsText.of("Hello 👋").units()); // the emoji is a surrogate pair
    }

    @Test
    void partsNeverSplitATwoSeptetCharacterOrASurrogatePair() {
        String gsm = "a".repeat(152) + "€" + "b".repeat(10);
        List<String> parts = SmsText.of(gsm).parts();
        assertEquals(List.of("a".repeat(152), "€" + "b".repeat(10)), parts);
        String emoji = "好".repeat(66) + "👋" + "好".repeat(5); // 73 units: two parts
        List<String> ucs = SmsText.of(emoji).parts();
        assertEquals("好".repeat(66), ucs.get(0));
        assertTrue(ucs.get(1).startsWith("👋"));
        assertEquals(List.of("short"), SmsText.of("short").parts());
    }
}
