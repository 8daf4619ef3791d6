package io.drip.journey.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;

/**
 * What enters a contact into a journey: a track event named {@code event}, or
 * {@code inactiveFor}: no event from the contact for that long, or {@code audience}: every member
 * of a segment at scheduled rounds; in all cases only if {@code when} (optional, over contact and
 * event) holds.
 *
 * @param key      a path in the event (e.g. {@code properties.cart_id}): one active run per contact
 *                 and value of it, instead of one per contact; null: one per contact
 * @param throttle how fast contacts may enter; null: as fast as they come
 */
public record Trigger(String event, Condition when, Duration inactiveFor, JsonPath key, Audience audience,
        Throttle throttle) {

    public Trigger(String event, Condition when, Duration inactiveFor, JsonPath key) {
        this(event, when, inactiveFor, key, null, null);
    }

    /** The same trigger, entering no faster than {@code limit} (null: no limit). */
    public Trigger throttled(Throttle limit) {
        return new Trigger(event, when, inactiveFor, key, audience, limit);
    }

    public Trigger compressed(long factor) {
        return new Trigger(event, when, inactiveFor == null ? null : inactiveFor.dividedBy(factor), key,
                audience == null ? null : audience.compressed(factor), throttle == null ? null : throttle.compressed(factor));
    }

    public boolean isAudience() {
        return audience != null;
    }

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

    /** Does deciding whether an event enters need the contact's snapshot? */
    public boolean readsContact() {
        return when != null && when.readsContact();
    }

    /** The run key of an entering event: its value at {@code key}, or "" for one run per contact. */
    public String runKey(JsonNode event) {
        if (key == null) {
            return "";
        }
        String value = key.textIn(event);
        return value == null ? "" : value;
    }

    /** How the API and logs show the trigger. */
    public String describe() {
        return (isInactivity() ? "inactive for " + inactiveFor : isAudience() ? "audience: " + audience.describe() : event) + (when == null ? "" : " when " + when.expression())
                + (key == null ? "" : " per " + key) + (throttle == null ? "" : ", at most " + throttle.describe());
    }
}
