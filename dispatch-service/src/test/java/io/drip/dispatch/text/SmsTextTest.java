package io.drip.dispatch.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cloudhopper.commons.charset.CharsetUtil;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmsTextTest {

    @Test
    void gsmTextIsCountedInSeptetsWithTheExtensionTableAsTwo() {
        SmsText hello = SmsText.of("Hello");
        assertEquals(SmsText.Encoding.GSM7, hello.encoding());
        assertEquals(5, hello.units());
        assertEquals(1, hello.segments());
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

    /*
     * The cases of Twilio's message segment calculator (github.com/TwilioDevEd/message-segment-calculator,
     * tests/index.test.js and tests/segments.test.js, MIT licence): bodies of digits "1234567890…"
     * after a first character, and their encoding and segment count.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            GSM-7 with escape characters in one segment   | {  | 159 | GSM7 | 1
            GSM-7 with escape characters in two segments  | {  | 160 | GSM7 | 2
            UCS-2 message in one segment                  | 😜 | 69  | UCS2 | 1
            UCS-2 message in two segments                 | 😜 | 70  | UCS2 | 2
            GSM-7 in three segments, the last one digit   | 1  | 307 | GSM7 | 3
            UCS-2 in three segments, the last one digit   | 😜 | 134 | UCS2 | 3
            """)
    void twiliosPublishedSegmentCases(String name, String first, int length, SmsText.Encoding encoding, int segments) {
        StringBuilder body = new StringBuilder(first);
        for (int i = 2; body.codePointCount(0, body.length()) < length; i++) {
            body.append(i % 10);
        }
        SmsText sms = SmsText.of(body.toString());
        assertEquals(encoding, sms.encoding());
        assertEquals(segments, sms.segments());
        assertEquals(segments, sms.parts().size());
        assertEquals(body.toString(), String.join("", sms.parts()));
    }

    @Test
    void aPartHoldsOneUnitLessWhenATwoUnitCharacterWouldStraddleItsEnd() {
        // 918 septets: 6 × 153 by division, but a part holds 76 euro signs (152 septets), so 7 parts
        SmsText euros = SmsText.of("€".repeat(459));
        assertEquals(918, euros.units());
        assertEquals(7, euros.parts().size());
        assertEquals(7, euros.segments());
        // 402 units: 6 × 67 by division, but a part holds 33 emoji (66 units), so 7 parts
        SmsText emoji = SmsText.of("👋".repeat(201));
        assertEquals(402, emoji.units());
        assertEquals(7, emoji.parts().size());
        assertEquals(7, emoji.segments());
        // every part within its limit
        euros.parts().forEach(part -> assertTrue(SmsText.of(part).units() <= 153, part));
        emoji.parts().forEach(part -> assertTrue(part.length() <= 67, part));
    }

    /**
     * A two-unit character (an escape character in GSM-7, an emoji in UCS-2) on every position of
     * texts around one, two and three parts: the parts are the text, each fits its SMS, none
     * leaves room the next character would have fitted in (handsets and providers cut greedily),
     * and the count is the parts.
     */
    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', textBlock = """
            €  | a
            [  | a
            \\ | 1
            ~  | ü
            👋 | 好
            😜 | a
            """)
    void aTwoUnitCharacterOnAnyPositionIsCountedAsTheTextIsCut(String twoUnits, String filler) {
        SmsText.Encoding encoding = SmsText.of(twoUnits + filler).encoding();
        int single = encoding == SmsText.Encoding.GSM7 ? 160 : 70;
        int part = encoding == SmsText.Encoding.GSM7 ? 153 : 67;
        for (int length : new int[] {single - 1, single, single + 1, 2 * part - 1, 2 * part, 2 * part + 1,
                3 * part, 3 * part + 1}) {
            for (int at = 0; at < length; at++) {
                String text = filler.repeat(at) + twoUnits + filler.repeat(length - at - 1);
                SmsText sms = SmsText.of(text);
                assertEquals(encoding, sms.encoding(), text);
                assertEquals(sms.parts().size(), sms.segments(), text);
                assertEquals(text, String.join("", sms.parts()), text);
                if (sms.units() <= single) {
                    assertEquals(1, sms.segments(), text);
                    continue;
                }
                for (int i = 0; i < sms.parts().size(); i++) {
                    String cut = sms.parts().get(i);
                    assertTrue(units(cut, encoding) <= part, "part " + i + " of " + text);
                    if (i + 1 < sms.parts().size()) {
                        String next = sms.parts().get(i + 1);
                        String firstOfNext = next.substring(0, Character.charCount(next.codePointAt(0)));
                        assertTrue(units(cut + firstOfNext, encoding) > part, "room left in part " + i + " of " + text);
                    }
                }
            }
        }
    }

    /** Septets or UTF-16 units of a part, by the encoding of the whole text. */
    private static int units(String part, SmsText.Encoding encoding) {
        return encoding == SmsText.Encoding.GSM7
                ? CharsetUtil.encode(part, CharsetUtil.CHARSET_GSM).length
                : part.length();
    }
}
