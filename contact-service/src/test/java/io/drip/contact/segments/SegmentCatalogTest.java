package io.drip.contact.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SegmentCatalogTest {

    @Test
    void compilesConditionsOverTraitsAndComputedAttributes() {
        var segments = SegmentCatalog.parse("""
                segments:
                  - id: vip
                    name: VIP
                    when: contact.traits.plan == "pro" && contact.rfm.monetary >= 4
                """, "segments.yaml");
        var contact = new ContactSnapshot("u1", 1, null, "missing", "UTC", null,
                MessageJson.mapper().createObjectNode().put("plan", "pro"), Map.of(), Instant.now());
        var rfm = MessageJson.mapper().createObjectNode().put("monetary", 5).put("revenue", 120.5);
        var vars = Map.of("contact", SegmentEvaluator.attributes(contact, Optional.of(rfm), Optional.empty()));
        assertTrue(segments.get(0).when().test(vars));
        var withoutRfm = Map.of("contact", SegmentEvaluator.attributes(contact, Optional.empty(), Optional.empty()));
        assertFalse(segments.get(0).when().test(withoutRfm), "a missing attribute makes the condition false");
        assertEquals("VIP", segments.get(0).name());
    }

    @Test
    void mistakesNameTheFileAndTheSegment() {
        assertMessage("segments.yaml, segment 'vip': when:", "segments:\n  - id: vip\n    when: contact.traits.plan ==\n");
        assertMessage("segment 'vip': the id is used twice",
                "segments:\n  - {id: vip, when: 'true'}\n  - {id: vip, when: 'false'}\n");
        assertMessage("segment 1: id 'Big Spenders'", "segments:\n  - {id: Big Spenders, when: 'true'}\n");
        assertMessage("\"when\"", "segments:\n  - {id: vip}\n");
        assertMessage("a list of", "segment: []\n");
        assertMessage("segment 'vip': when:", "segments:\n  - {id: vip, when: 'unknown.x == 1'}\n");
    }

    private static void assertMessage(String expected, String yaml) {
        var error = assertThrows(IllegalStateException.class, () -> SegmentCatalog.parse(yaml, "segments.yaml"));
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
