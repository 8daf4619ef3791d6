package io.drip.journey.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.journey.definition.JourneyDefinition;
import java.util.HashMap;
import java.util.Map;

/** What message texts and conditions can refer to: contact, event and journey. */
final class Variables {

    private Variables() {
    }

    /** @param contact null when the contact's snapshot is not known (yet): conditions on it are false */
    @SuppressWarnings("unchecked")
    static Map<String, Object> of(JourneyDefinition journey, int version, ContactSnapshot contact, JsonNode event) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("contact", contact == null ? Map.of() : MessageJson.mapper().convertValue(contact, Map.class));
        variables.put("event", MessageJson.mapper().convertValue(event, Map.class));
        variables.put("journey", Map.of("id", journey.id(), "name", journey.name(), "version", version));
        return variables;
    }
}
