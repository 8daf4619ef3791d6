package io.drip.journey.definition;

/**
 * One step of a journey. Steps run in file order unless a step names where to go next.
 */
public sealed interface Step permits SendStep, WaitStep, WaitForStep, ExitStep, BranchStep, SplitStep, UpdateStep,
        WebhookStep {

    /** The step's id: the one written in the file, else {@code step-<n>} by position (1-based). */
    String id();

    /** The id of the step to go to after this one; null for "the next one in the file". */
    String next();

    /** The step with its durations divided by {@code factor} (see {@link JourneyDefinition#compressed}). */
    default Step compressed(long factor) {
        return this;
    }
}
