package io.drip.journey.engine;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.contracts.MessageJson;
import io.drip.journey.definition.JourneyDefinition;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

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

    private static Map<String, Object> of(JourneyDefinition journey, int version, ContactSnapshot contact, JsonNode trigger,
            JsonNode event, JsonNode reply, JsonNode webhooks) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("contact", contact == null ? Map.of() : new ConvertedOnRead(contact));
        ConvertedOnRead triggerMap = new ConvertedOnRead(trigger);
        // until a later event comes, the event is the trigger: converted once (it is read, never changed)
        variables.put("event", event == trigger ? triggerMap : new ConvertedOnRead(event));
        variables.put("trigger", triggerMap);
        variables.put("reply", reply == null ? Map.of() : new ConvertedOnRead(reply));
        variables.put("webhook", webhooks == null ? Map.of() : new ConvertedOnRead(webhooks));
        variables.put("journey", Map.of("id", journey.id(), "name", journey.name(), "version", version));
        return variables;
    }

    /**
     * A snapshot or event as the map CEL and Liquid read, converted when first read: a trigger
     * without a condition, or a text that names only the contact, costs no conversion of the rest
     * (converting was a seventh of the service's CPU when every variable was converted for every walk).
     */
    private static final class ConvertedOnRead extends AbstractMap<String, Object> {
        private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
        private final Object source;
        private Map<String, Object> converted;

        ConvertedOnRead(Object source) {
            this.source = source;
        }

        private Map<String, Object> converted() {
            if (converted == null) {
                converted = MessageJson.mapper().convertValue(source, MAP);
            }
            return converted;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return converted().entrySet();
        }

        @Override
        public Object get(Object key) {
            return converted().get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return converted().containsKey(key);
        }
    }
}
