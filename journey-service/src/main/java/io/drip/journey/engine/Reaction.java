package io.drip.journey.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contracts.ContactSnapshot;
import io.drip.journey.definition.ExitWhen;
import io.drip.journey.definition.JourneyDefinition;
import io.drip.journey.definition.WaitForStep;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What something the contact did does to one of its runs: an {@code exit_when} event ends the
 * run; the event, click or delivery a {@code wait_for} step waits for moves the run on at once.
 */
public sealed interface Reaction {
    String EXIT_WHEN = "exit_when";

    /** The run ends with {@code reason}. */
    record Exit(String reason, String cause) implements Reaction {
    }

    /** The run leaves its wait_for step for the step after it. */
    record Resume(Run moved, String stepId, String cause) implements Reaction {
    }

    static Optional<Reaction> toEvent(JourneyDefinition journey, Run run, String eventName, JsonNode event,
            ContactSnapshot contact) {
        for (ExitWhen exit : journey.exitWhen()) {
            if (exit.endsRun(eventName, event, run.triggerEvent())) {
                return Optional.of(new Exit(EXIT_WHEN, eventName + (exit.match() == null ? "" : " with the same "
                        + exit.match())));
            }
        }
        return resume(journey, run, step -> step.endedBy(eventName,
                Variables.of(journey, run, contact, event)), "event " + eventName)
                .map(Reaction.class::cast);
    }

    static Optional<Resume> toClick(JourneyDefinition journey, Run run, String stepId, String messageId) {
        return resume(journey, run, step -> step.waitsForClickOn(stepId), "click on " + messageId);
    }

    static Optional<Resume> toDelivery(JourneyDefinition journey, Run run, String stepId, String messageId) {
        return resume(journey, run, step -> step.waitsForDeliveryOf(stepId), "delivery of " + messageId);
    }

    private static Optional<Resume> resume(JourneyDefinition journey, Run run, Predicate<WaitForStep> awaited,
            String cause) {
        if (run.waiting() && journey.step(run.stepIndex()) instanceof WaitForStep step && awaited.test(step)) {
            return Optional.of(new Resume(run.movedTo(journey.following(run.stepIndex()), run.variant()), step.id(),
                    cause));
        }
        return Optional.empty();
    }
}
