package io.drip.journey.definition;

import java.time.Duration;

/** Holds the run for a fixed time; the durable timer wakes it. */
public record WaitStep(String id, Duration duration, String next) implements Step {
}
