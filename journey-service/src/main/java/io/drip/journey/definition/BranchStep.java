package io.drip.journey.definition;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Goes to the step of the first case whose CEL condition holds, else to {@code otherwise}
 * (null: the next step in the file).
 */
public record BranchStep(String id, List<Case> cases, String otherwise) implements Step {

    /** A condition over {@code contact} and {@code event}, and where it leads. */
    public record Case(Condition condition, String target) {

        /** The first of {@code cases} whose condition holds for these variables, if one does. */
        public static Optional<Case> firstHolding(List<Case> cases, Map<String, Object> variables) {
            return cases.stream().filter(c -> c.condition().test(variables)).findFirst();
        }
    }

    @Override
    public String next() {
        return otherwise;
    }
}
