package io.drip.journey.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** A send step's media: image URLs sent as one MMS, checked where they are written. */
class MediaTest {
    private static final String MMS = """
            journey: sale
            trigger:
              event: Signed Up
            steps:
              - id: picture
                send:
                  channel: sms
                  category: marketing
                  text: "The sale starts now"
                  media:
                    - https://shop.example/sale.jpg
                    - https://cdn.example/shoes.png
            """;
    private static final Predicate<String> TRANSACTIONAL_IS_SMS_ONLY = "transactional"::equals;

    private static JourneyDefinition read(String yaml) {
        return JourneyReader.read("sale.yaml", new StringReader(yaml), TRANSACTIONAL_IS_SMS_ONLY);
    }

    private static JourneyFileException error(String yaml) {
        return assertThrows(JourneyFileException.class, () -> read(yaml));
    }

    @Test
    void aSendStepCarriesItsMediaInOrder() {
        SendStep send = (SendStep) read(MMS).step(0);
        assertEquals(List.of("https://shop.example/sale.jpg", "https://cdn.example/shoes.png"), send.media());
        assertEquals("marketing mms, 2 images: The sale starts now", JourneyOutline.of(read(MMS)).steps().get(0).summary());
    }

    @Test
    void aStepWithoutMediaIsAnSms() {
        SendStep send = (SendStep) read(MMS.substring(0, MMS.indexOf("      media:"))).step(0);
        assertEquals(List.of(), send.media());
    }

    @Test
    void aMediaUrlThatIsNotHttpsIsRefusedWhereItStands() {
        var e = error(MMS.replace("- https://cdn.example/shoes.png", "- http://cdn.example/shoes.png"));
        assertEquals(12, e.line());
        assertEquals(11, e.column());
        assertTrue(e.getMessage().contains("is not an https URL"), e.getMessage());
    }

    @Test
    void moreMediaThanAnMmsCarriesAreRefusedAtTheFirstOneTooMany() {
        var e = error(MMS + "        - https://shop.example/3.jpg\n".repeat(9));
        assertEquals(21, e.line(), "the eleventh");
        assertTrue(e.getMessage().contains("at most 10 media"), e.getMessage());
    }

    @Test
    void mediaInACategoryWhoseRoutesAreSmsOnlyAreRefusedAtTheMediaKey() {
        var e = error(MMS.replace("category: marketing", "category: transactional"));
        assertEquals("sale.yaml", e.file());
        assertEquals(10, e.line());
        assertEquals(7, e.column());
        assertTrue(e.getMessage().contains("transactional messages go on SMS-only routes"), e.getMessage());
    }

    @Test
    void storedVersionsAreReadWithoutTheRouteCheck() {
        // a category made SMS-only after publishing must not make stored versions unreadable
        String transactional = MMS.replace("category: marketing", "category: transactional");
        assertEquals(2, ((SendStep) JourneyReader.read("stored", new StringReader(transactional)).step(0)).media().size());
    }
}
