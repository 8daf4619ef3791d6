package io.drip.contact.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drip.kit.clock.TimeZones;
import io.drip.kit.web.InvalidRequestException;
import io.drip.kit.web.JsonBodies;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reads and applies the body of PUT and PATCH {@code /v1/contacts/{id}}: {@code {"traits": {...}}}. */
final class TraitsRequest {

    private TraitsRequest() {
    }

    static ObjectNode traits(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException(null, "the body must be a JSON object such as {\"traits\": {\"first_name\": \"Ada\"}}");
        }
        // a misspelt "traits" would otherwise replace every trait with none
        JsonBodies.onlyKeys(body, List.of("traits"));
        JsonBodies.noNul(body);
        JsonNode traits = body.get("traits");
        if (traits == null || !traits.isObject()) {
            throw new InvalidRequestException("/traits", "traits must be a JSON object");
        }
        JsonNode phone = traits.get("phone");
        if (phone != null && !phone.isNull() && !phone.isTextual()) {
            throw new InvalidRequestException("/traits/phone", "phone must be a string such as \"+33 6 12 34 56 78\"");
        }
        JsonNode zone = traits.get("timezone");
        if (zone != null && !zone.isNull() && !TimeZones.isZone(zone.asText())) {
            throw new InvalidRequestException("/traits/timezone", TimeZones.notAZone(zone.asText()));
        }
        return (ObjectNode) traits;
    }

    /** JSON Merge Patch (RFC 7386) of {@code patch} into {@code target}: null removes a trait. */
    static void mergePatch(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            JsonNode current = target.get(field.getKey());
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject()) {
                ObjectNode merged = current != null && current.isObject() ? (ObjectNode) current : target.objectNode();
                mergePatch(merged, (ObjectNode) value);
                target.set(field.getKey(), merged);
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
    }
}
