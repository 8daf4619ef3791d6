package io.drip.journey.engine;

import java.time.Instant;
import java.util.UUID;

/**
 * What a goal event may convert: the last message of a run not yet converted, or a run held out
 * of an A/B test (no message: it converts within the goal's window after it was held out).
 *
 * @param messageId null for a holdout
 * @param at        when the message was created, or the holdout run ended
 * @param clickedAt the first human click on the message, if any
 */
public record Touch(UUID runId, String journeyId, String messageId, String stepId, String variant, Instant at,
        Instant clickedAt) {

    public static Touch message(Run run, String messageId, String stepId, Instant at) {
        return new Touch(run.id(), run.journeyId(), messageId, stepId, run.variant(), at, null);
    }

    public static Touch holdout(Run run, Instant at) {
        return new Touch(run.id(), run.journeyId(), null, null, run.variant(), at, null);
    }

    public boolean isHoldout() {
        return messageId == null;
    }

    /** The moment the goal's window counts from: the later of the message and a click on it. */
    public Instant touched() {
        return clickedAt != null && clickedAt.isAfter(at) ? clickedAt : at;
    }

    Touch clicked(Instant when) {
        return clickedAt != null ? this : new Touch(runId, journeyId, messageId, stepId, variant, at, when);
    }
}
