package io.drip.kit.cel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonCelTest {
    private static final List<String> VARIABLES = List.of("contact", "event");

    @Test
    void jsonNumbersCompareAsCelNumbers() {
        JsonCel.Condition big = JsonCel.compile("event.total > 100 && event.items == 3", VARIABLES);

        assertTrue(big.test(Map.of("event", Map.of("total", 120.5, "items", 3))));
        assertFalse(big.test(Map.of("event", Map.of("total", 80, "items", 3))));
    }

    @Test
    void aMissingValueIsFalseNotAnError() {
        JsonCel.Condition vip = JsonCel.compile("contact.traits.vip == true", VARIABLES);

        assertFalse(vip.test(Map.of("contact", Map.of("traits", Map.of()))));
        assertFalse(vip.test(Map.of()));
    }

    @Test
    void onlyTheVariablesItReadsAreConverted() {
        JsonCel.Condition onEvent = JsonCel.compile("event.total > 100", VARIABLES);
        Map<String, Object> variables = Map.of("event", Map.of("total", 120), "contact", new Unreadable());

        assertTrue(onEvent.test(variables));
        assertFalse(onEvent.reads("contact"));
        JsonCel.Condition onContact = JsonCel.compile("contact.traits.vip == true", VARIABLES);
        assertThrows(IllegalStateException.class, () -> onContact.test(variables));
    }

    @Test
    void aTypoIsRefusedWhenCompiled() {
        assertThrows(IllegalArgumentException.class, () -> JsonCel.compile("evnt.total > 100", VARIABLES));
    }

    /** A variable that must not be read: reading it fails the test. */
    private static final class Unreadable extends AbstractMap<String, Object> {
        @Override
        public Set<Entry<String, Object>> entrySet() {
            throw new IllegalStateException("read a variable the condition does not name");
        }
    }
}
