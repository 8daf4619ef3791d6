package io.drip.journey.engine;

import java.util.Optional;

/**
 * The winners that splits with {@code auto_winner} have decided, as the {@link StepWalker}
 * assigns variants: the engine reads them from the database, the simulator through the same
 * bean, so a simulation shows a decided split as the engine runs it.
 */
public interface SplitWinners {
    /** No split has decided (unit tests of the walker). */
    SplitWinners NONE = (journeyId, version, stepId) -> Optional.empty();

    /** The winner of the split {@code stepId} of this journey version; empty while undecided. */
    Optional<String> winner(String journeyId, int version, String stepId);
}
