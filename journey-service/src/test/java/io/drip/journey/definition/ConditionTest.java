package io.drip.journey.definition;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionTest {
    private static Map<String, Object> event(Object value) {
        return Map.of("event", Map.of("properties", Map.of("value", value)), "contact", Map.of("traits", Map.of()));
    }

    @Test
    void comparesWholeAndDecimalNumbersAlike() {
        Condition bigCart = Condition.compile("event.properties.value >= 100");
        assertTrue(bigCart.test(event(150)));
        assertTrue(bigCart.test(event(100.5)));
        assertFalse(bigCart.test(event(99)));
    }

    @Test
    void aMissingValueMakesTheConditionFalseAndHasTellsIt() {
        assertFalse(Condition.compile("contact.traits.vip == true").test(event(1)));
        assertFalse(Condition.compile("has(contact.traits.vip)").test(event(1)));
        assertTrue(Condition.compile("!has(contact.traits.vip)").test(event(1)));
    }

    @Test
    void aSyntaxOrTypeErrorIsFoundWhenCompiling() {
        assertThrows(IllegalArgumentException.class, () -> Condition.compile("event.properties.value >="));
        assertThrows(IllegalArgumentException.class, () -> Condition.compile("order.total > 3"));
        assertThrows(IllegalArgumentException.class, () -> Condition.compile("'not a boolean'"));
    }

    @Test
    void itKnowsWhetherItReadsTheContact() {
        assertTrue(Condition.compile("contact.traits.plan == 'pro'").readsContact());
        assertTrue(Condition.compile("event.properties.value > 3 || has(contact.traits.vip)").readsContact());
        assertFalse(Condition.compile("event.properties.value >= 100").readsContact());
        // a comprehension's own variable is not the contact, even when named like a field of it
        assertFalse(Condition.compile("event.properties.items.exists(traits, traits == 'x')").readsContact());
    }
}
