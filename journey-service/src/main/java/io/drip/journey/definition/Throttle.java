package io.drip.journey.definition;

import java.time.Duration;

/**
 * How fast a journey's trigger may enter contacts: at most {@code entries} per {@code per}. An
 * entry beyond the rate still enters (one active run, re-entry and exits count from its arrival)
 * but waits in the journey's queue for its slot, in arrival order, before its first step.
 */
public record Throttle(int entries, Duration per) {

    /** The time between two entries' slots. */
    public Duration interval() {
        return per.dividedBy(entries);
    }

    public Throttle compressed(long factor) {
        return new Throttle(entries, per.dividedBy(factor));
    }

    /** How the API and logs show it. */
    public String describe() {
        return entries + " per " + per;
    }
}
