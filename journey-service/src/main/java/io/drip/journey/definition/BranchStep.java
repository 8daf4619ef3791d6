package io.drip.journey.definition;

import java.util.List;

/**
 * Goes to the step of the first case whose CEL condition holds, else to {@code otherwise}
 * (null: the next step in the file).
 */
public record BranchStep(String id, List<Case> cases, String otherwise) implements Step {

    /** A condition over {@code contact} and {@code event}, and where it leads. */
    public record Case(Condition condition, String target) {
    }

    @Override
    public String next() {
        return otherwise;
    }
}
