package io.drip.journey.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class JourneyReaderTest {
    private static final String VALID = """
            journey: welcome
            name: Welcome
            trigger:
              event: Signed Up
            steps:
              - id: hello
                send:
                  channel: sms
                  category: marketing
                  text: "Hi {{ contact.traits.first_name | default: 'there' }}"
            """;

    private static JourneyFileException error(String yaml) {
        return assertThrows(JourneyFileException.class, () -> JourneyReader.read("welcome.yaml", new StringReader(yaml)));
    }

    @Test
    void readsAJourney() {
        JourneyDefinition journey = JourneyReader.read("welcome.yaml", new StringReader(VALID));
        assertEquals("welcome", journey.id());
        assertEquals(1, journey.version());
        assertEquals("Signed Up", journey.trigger());
        assertEquals("hello", journey.step(0).id());
        assertEquals("marketing", journey.step(0).category());
        assertEquals(null, journey.step(1));
    }

    @Test
    void anUnknownKeyIsReportedAtItsLineAndColumn() {
        var e = error(VALID.replace("    category: marketing", "    categroy: marketing"));
        assertEquals(9, e.line());
        assertEquals(7, e.column());
        assertTrue(e.getMessage().startsWith("welcome.yaml:9:7: unknown key 'categroy'"), e.getMessage());
    }

    @Test
    void brokenYamlIsReportedWhereTheParserStopped() {
        var e = error(VALID.replace("  event: Signed Up", "  event: [Signed Up"));
        assertTrue(e.getMessage().startsWith("welcome.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
    }

    @Test
    void brokenLiquidIsReportedAtTheText() {
        var e = error(VALID.replace("| default: 'there' }}", "| default: 'there' "));
        assertEquals(10, e.line());
        assertTrue(e.getMessage().contains("not valid Liquid"), e.getMessage());
    }

    @Test
    void duplicateStepIdsMissingFieldsAndBadValuesAreNamed() {
        String twice = VALID + """
                  - id: hello
                    send: {channel: sms, category: marketing, text: again}
                """;
        assertTrue(error(twice).getMessage().contains("duplicate step id 'hello'"));
        assertTrue(error(VALID.replace("trigger:\n  event: Signed Up\n", "")).getMessage().contains("'trigger' is missing"));
        assertTrue(error(VALID.replace("category: marketing", "category: promo")).getMessage()
                .contains("marketing or transactional"));
        assertTrue(error(VALID.replace("journey: welcome", "journey: Welcome Series")).getMessage()
                .contains("lower-case"));
        assertEquals(1, error("").line());
    }
}
