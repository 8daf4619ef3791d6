package io.drip.journey.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** One contact's way through one journey version. */
public record Run(UUID id, String journeyId, int journeyVersion, String contactId, int stepIndex,
        ObjectNode triggerEvent, Instant enteredAt) {
}
