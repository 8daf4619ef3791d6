package io.drip.journey.definition;

import java.time.Duration;
import java.util.Map;

/**
 * What enters a contact into a journey: a track event named {@code event}, or
 * {@code inactiveFor}: no event from the contact for that long; in both cases only if
 * {@code when} (optional, over contact and event) holds.
 */
public record Trigger(String event, Condition when, Duration inactiveFor) {

    public boolean isInactivity() {
        return inactiveFor != null;
    }

    /** Does this event (with these variables: contact, event) enter the contact? */
    public boolean firedBy(String eventName, Map<String, Object> variables) {
        return event != null && event.equals(eventName) && holds(variables);
    }

    /** Does the trigger's condition hold (true when it has none)? */
    public boolean holds(Map<String, Object> variables) {
        return when == null || when.test(variables);
    }

    /** How the API and logs show the trigger. */
    public String describe() {
        return (isInactivity() ? "inactive for " + inactiveFor : event) + (when == null ? "" : " when " + when.expression());
    }
}
