package io.drip.journey.stats;

/**
 * What one step achieved. {@code messages} counts send commands issued; {@code clicked} counts
 * messages with at least one click.
 */
public record StepStats(String step, long messages, long sent, long delivered, long failed, long suppressed,
        long clicked) {
}
