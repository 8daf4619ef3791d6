package io.drip.journey.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One contact's way through one journey version.
 *
 * @param variant    the A/B variant assigned by a split, null before any
 * @param stepsTaken how many steps the run has taken so far
 * @param waiting    the run sits at a wait_for step, waiting for what it names
 */
public record Run(UUID id, String journeyId, int journeyVersion, String contactId, int stepIndex, String variant,
        int stepsTaken, boolean waiting, ObjectNode triggerEvent, Instant enteredAt) {

    /** The run after taking one more step, now at {@code index} in the variant it is in. */
    public Run movedTo(int index, String inVariant) {
        return new Run(id, journeyId, journeyVersion, contactId, index, inVariant, stepsTaken + 1, false, triggerEvent,
                enteredAt);
    }

    /** The run, still at its wait_for step, now waiting. */
    public Run waitingHere() {
        return new Run(id, journeyId, journeyVersion, contactId, stepIndex, variant, stepsTaken, true, triggerEvent,
                enteredAt);
    }
}
