package io.drip.journey.definition;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Holds the run until the contact does something, for at most {@code within}: a track event
 * named {@code event} (for which {@code when}, if given, holds), a human click on / the delivery
 * of the message of an earlier send step, or a reply to that message. Then the run goes on with
 * the next step (or {@code next}); a reply goes to the first of {@code answers} whose condition
 * holds instead, if one does. On timeout the run goes to {@code onTimeout} (null: the next step too).
 *
 * @param when    condition over {@code event} (the awaited one), {@code trigger} and {@code contact}; null: none
 * @param answers for a reply wait, conditions over {@code reply} (and the rest) and where each leads; else empty
 */
public record WaitForStep(String id, String event, Condition when, String clickedStep, String deliveredStep,
        String replyStep, List<BranchStep.Case> answers, Duration within, String onTimeout, String next) implements Step {

    @Override
    public Step compressed(long factor) {
        return new WaitForStep(id, event, when, clickedStep, deliveredStep, replyStep, answers, within.dividedBy(factor),
                onTimeout, next);
    }

    /** Could an event with this name end the wait (before its condition is checked)? */
    public boolean waitsForEvent(String eventName) {
        return event != null && event.equals(eventName);
    }

    /** Does this event (variables: the event, trigger and contact) end the wait? */
    public boolean endedBy(String eventName, Map<String, Object> variables) {
        return waitsForEvent(eventName) && (when == null || when.test(variables));
    }

    public boolean waitsForClickOn(String stepId) {
        return clickedStep != null && clickedStep.equals(stepId);
    }

    public boolean waitsForDeliveryOf(String stepId) {
        return deliveredStep != null && deliveredStep.equals(stepId);
    }

    /** Does it wait for a reply (to the message of {@link #replyStep})? */
    public boolean waitsForReply() {
        return replyStep != null;
    }

    /** How the run history shows what is awaited. */
    public String describe() {
        if (event != null) {
            return event + (when == null ? "" : " when " + when.expression());
        }
        if (replyStep != null) {
            return "a reply to " + replyStep;
        }
        return clickedStep != null ? "a click on " + clickedStep : "the delivery of " + deliveredStep;
    }
}
