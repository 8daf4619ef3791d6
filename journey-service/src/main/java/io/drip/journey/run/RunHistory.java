package io.drip.journey.run;

import java.time.Instant;

/** The step-by-step history of runs (run_history), written by {@link RunWrites} in the transactions that change them. */
public final class RunHistory {

    private RunHistory() {
    }

    /** One thing that happened to a run. */
    public record Entry(Instant at, String step, String what, String detail) {
    }
}
