package io.drip.journey.definition;

/** Ends the run with a reason that the stats count. */
public record ExitStep(String id, String reason) implements Step {
    @Override
    public String next() {
        return null;
    }
}
