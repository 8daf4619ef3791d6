package io.drip.journey.definition;

import java.util.List;

/**
 * A journey as a marketer wrote it in YAML.
 *
 * @param id      stable id ({@code journey:} in the file)
 * @param version grows when the journey changes; runs in flight stay on theirs
 * @param trigger the event name that enters a contact
 * @param source  the file it came from, for messages that point back to it
 */
public record JourneyDefinition(String id, int version, String name, String trigger, List<SendStep> steps,
        String source) {

    /** The step at {@code index}, or null past the last one. */
    public SendStep step(int index) {
        return index < steps.size() ? steps.get(index) : null;
    }
}
