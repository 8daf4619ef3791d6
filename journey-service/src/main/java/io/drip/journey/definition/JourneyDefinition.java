package io.drip.journey.definition;

import io.drip.contracts.SendCommand;
import java.util.List;

/**
 * A journey as a marketer wrote it in YAML.
 *
 * @param id      stable id ({@code journey:} in the file)
 * @param version grows when the journey changes (assigned by {@link JourneyStore}, 0 until stored);
 *                runs in flight stay on theirs
 * @param trigger  what enters a contact
 * @param filter   checked before every send: a contact who no longer matches leaves; null: none
 * @param reentry  whether a contact may enter again
 * @param exitWhen events that end a contact's run at once
 * @param goal       the conversion the journey aims at; null if none
 * @param sendWindow local hours for its marketing messages, overriding dispatch's default; null if none
 * @param source     the file it came from, for messages that point back to it
 */
public record JourneyDefinition(String id, int version, String name, Trigger trigger, Condition filter, Reentry reentry,
        List<ExitWhen> exitWhen, Goal goal, SendCommand.SendWindow sendWindow, List<Step> steps, String source) {

    /** The same journey as version {@code number}. */
    public JourneyDefinition withVersion(int number) {
        return new JourneyDefinition(id, number, name, trigger, filter, reentry, exitWhen, goal, sendWindow, steps, source);
    }

    /**
     * The journey with every duration (waits, wait_for windows, inactivity, goal window, re-entry
     * delay) divided by {@code factor}: the demo's time compression. Local times and dates stay.
     */
    public JourneyDefinition compressed(long factor) {
        if (factor == 1) {
            return this;
        }
        return new JourneyDefinition(id, version, name, trigger.compressed(factor), filter, reentry.compressed(factor),
                exitWhen, goal == null ? null : goal.compressed(factor), sendWindow,
                steps.stream().map(step -> step.compressed(factor)).toList(), source);
    }

    /** Does an event with this name matter to a run of this journey (exit, wait_for or goal)? */
    public boolean concerns(String event) {
        return trigger.isInactivity() || event.equals(trigger.event())
                || exitWhen.stream().anyMatch(e -> e.event().equals(event))
                || (goal != null && goal.event().equals(event))
                || steps.stream().anyMatch(s -> s instanceof WaitForStep w && w.waitsForEvent(event));
    }

    /** Does a send step of this journey choose its contacts' best hour ({@code best_time})? */
    public boolean choosesSendTimes() {
        return steps.stream().anyMatch(s -> s instanceof SendStep send && send.bestTime() != null);
    }

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
