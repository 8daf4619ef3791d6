package io.drip.journey.definition;

import java.time.Duration;

/**
 * Holds the run until the contact does something, for at most {@code within}: a track event
 * named {@code event}, or a human click on the message of step {@code clickedStep}. Then the run
 * goes on with the next step (or {@code next}); on timeout it goes to {@code onTimeout}
 * (null: the next step too).
 */
public record WaitForStep(String id, String event, String clickedStep, Duration within, String onTimeout, String next)
        implements Step {

    public boolean waitsForEvent(String eventName) {
        return event != null && event.equals(eventName);
    }

    public boolean waitsForClickOn(String stepId) {
        return clickedStep != null && clickedStep.equals(stepId);
    }
}
