package io.drip.journey.definition;

import java.time.Duration;

/**
 * A send step's {@code best_time}: the message leaves at the hour of day the contact clicks most
 * (its own human clicks, else its country's), at most {@code within} after the run reaches the
 * step, inside the send window. The engine's {@code SendTimeChooser} picks the instant.
 */
public record BestTime(Duration within) {
    /** How far ahead a choice looks at most: a week covers every hour of every weekday. */
    public static final Duration LONGEST = Duration.ofDays(7);

    /** The same choice with {@code within} divided by {@code factor} (the demo's time compression). */
    public BestTime compressed(long factor) {
        return new BestTime(within.dividedBy(factor));
    }

    /** How the journey's outline shows it. */
    public String describe() {
        return "at the contact's best hour within " + within.toString().substring(2).toLowerCase();
    }
}
