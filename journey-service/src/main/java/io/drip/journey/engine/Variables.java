package io.drip.journey.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.journey.definition.JourneyDefinition;
import java.util.HashMap;
import java.util.Map;

/**
 * What message texts and conditions can refer to: {@code contact}, {@code event} (in texts: the
 * event that started the run), {@code trigger} (always that event), {@code reply} (the run's
 * latest answer to a reply wait: {@code text}, {@code keyword}, {@code at}; empty before one),
 * {@code webhook} (the answers of the run's webhook steps by name; empty before one) and
 * {@code journey}.
 */
public final class Variables {

    private Variables() {
    }

    /** @param contact null when the contact's snapshot is not known (yet): conditions on it are false */
    public static Map<String, Object> of(JourneyDefinition journey, int version, ContactSnapshot contact, JsonNode trigger) {
        return of(journey, version, contact, trigger, trigger, null, null);
    }

    /** Variables while a run looks at a later {@code event} of its contact. */
    public static Map<String, Object> of(JourneyDefinition journey, Run run, ContactSnapshot contact, JsonNode event) {
        return of(journey, run.journeyVersion(), contact, run.triggerEvent(), event, run.reply(), run.webhooks());
    }

    /** Variables of a run's steps. */
    public static Map<String, Object> of(JourneyDefinition journey, Run run, ContactSnapshot contact) {
        return of(journey, run, contact, run.triggerEvent());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> of(JourneyDefinition journey, int version, ContactSnapshot contact, JsonNode trigger,
            JsonNode event, JsonNode reply, JsonNode webhooks) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("contact", contact == null ? Map.of() : MessageJson.mapper().convertValue(contact, Map.class));
        Map<String, Object> triggerMap = MessageJson.mapper().convertValue(trigger, Map.class);
        // until a later event comes, the event is the trigger: converted once (it is read, never changed)
        variables.put("event", event == trigger ? triggerMap : MessageJson.mapper().convertValue(event, Map.class));
        variables.put("trigger", triggerMap);
        variables.put("reply", reply == null ? Map.of() : MessageJson.mapper().convertValue(reply, Map.class));
        variables.put("webhook", webhooks == null ? Map.of() : MessageJson.mapper().convertValue(webhooks, Map.class));
        variables.put("journey", Map.of("id", journey.id(), "name", journey.name(), "version", version));
        return variables;
    }
}
