package io.drip.journey.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageRendererTest {
    private final MessageRenderer renderer = new MessageRenderer("https://t.example");

    private static Map<String, Object> contact(Map<String, Object> traits) {
        return Map.of("contact", Map.of("traits", traits));
    }

    @Test
    void rendersVariablesAndTurnsTrackedUrlsIntoShortLinks() throws Exception {
        var message = renderer.render("Hi {{ contact.traits.first_name }}: {{ 'https://shop.example/cart' | track }}",
                contact(Map.of("first_name", "Ada")));
        assertEquals(1, message.links().size());
        var link = message.links().get(0);
        assertEquals("https://shop.example/cart", link.url());
        assertEquals("Hi Ada: https://t.example/" + link.code(), message.text());
        assertTrue(link.code().matches("[0-9A-Za-z]{10}"), link.code());
    }

    @Test
    void everyRenderGetsFreshCodes() throws Exception {
        String template = "{{ 'https://shop.example/' | track }}";
        var first = renderer.render(template, Map.of());
        var second = renderer.render(template, Map.of());
        assertNotEquals(first.links().get(0).code(), second.links().get(0).code());
    }

    @Test
    void aDefaultCoversAMissingTrait() throws Exception {
        var message = renderer.render("{{ contact.traits.first_name | default: 'Hi' }}!", contact(Map.of()));
        assertEquals("Hi!", message.text());
    }

    @Test
    void aMissingVariableWithoutDefaultFailsInsteadOfSendingHalfATextAndSaysWhich() {
        var error = assertThrows(RenderException.class,
                () -> renderer.render("Hi {{ contact.traits.first_name }}", contact(Map.of())));
        assertTrue(error.getMessage().contains("first_name"), error.getMessage());
    }

    @Test
    void aConditionOnAMissingTraitIsNoError() throws Exception {
        var message = renderer.render("{% if contact.traits.vip %}VIP {% endif %}sale", contact(Map.of()));
        assertEquals("sale", message.text());
    }

    @Test
    void trackRefusesWhatIsNotAWebUrl() {
        var error = assertThrows(RenderException.class,
                () -> renderer.render("{{ 'javascript:alert(1)' | track }}", Map.of()));
        assertTrue(error.getMessage().contains("http or https URL"), error.getMessage());
    }

    @Test
    void syntaxErrorsAreFoundBeforeAnyContactIsRendered() {
        assertTrue(MessageRenderer.checkSyntax("Hi {{ contact.traits.first_name ").isPresent());
        assertTrue(MessageRenderer.checkSyntax("Hi {{ contact.traits.first_name }}").isEmpty());
    }
}
