package io.drip.journey.definition;

import io.drip.contracts.SendCommand;
import java.util.List;
import java.util.Set;

/**
 * A journey as a marketer wrote it in YAML.
 *
 * @param id      stable id ({@code journey:} in the file)
 * @param version grows when the journey changes; runs in flight stay on theirs
 * @param trigger  what enters a contact
 * @param reentry  whether a contact may enter again
 * @param exitWhen event names that end a contact's run at once
 * @param goal       the conversion the journey aims at; null if none
 * @param sendWindow local hours for its marketing messages, overriding dispatch's default; null if none
 * @param source     the file it came from, for messages that point back to it
 */
public record JourneyDefinition(String id, int version, String name, Trigger trigger, Reentry reentry,
        Set<String> exitWhen, Goal goal, SendCommand.SendWindow sendWindow, List<Step> steps, String source) {

    /** The step at {@code index}, or null past the last one. */
    public Step step(int index) {
        return index >= 0 && index < steps.size() ? steps.get(index) : null;
    }

    /** The position of the step with this id; -1 if there is none. */
    public int indexOf(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                return i;
            }
        }
        return -1;
    }

    /** Where a run goes after the step at {@code index} when the step does not decide. */
    public int following(int index) {
        String next = steps.get(index).next();
        return next == null ? index + 1 : indexOf(next);
    }
}
