package io.drip.journey.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * An event that ends a run at once; with {@code match}, only when the event has the same value
 * at that path as the event that started the run (e.g. the same {@code properties.cart_id}).
 *
 * @param match null: any event of that name
 */
public record ExitWhen(String event, JsonPath match) {

    public boolean endsRun(String eventName, JsonNode event, JsonNode trigger) {
        if (!this.event.equals(eventName)) {
            return false;
        }
        if (match == null) {
            return true;
        }
        String value = match.textIn(event);
        return value != null && Objects.equals(value, match.textIn(trigger));
    }
}
