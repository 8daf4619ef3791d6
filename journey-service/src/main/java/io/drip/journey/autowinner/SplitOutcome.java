package io.drip.journey.autowinner;

/** What the {@link WinnerDecider} made of a split's counts. */
public sealed interface SplitOutcome {

    /** No winner yet, and why. */
    record Undecided(String why) implements SplitOutcome {
    }

    /** The winner, for good, with its evidence. */
    record Decided(String winner, Evidence evidence) implements SplitOutcome {
    }
}
