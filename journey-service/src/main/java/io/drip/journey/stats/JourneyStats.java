package io.drip.journey.stats;

import java.util.List;

/** A journey's runs by status, and its steps' results. */
public record JourneyStats(String journey, long entered, long active, long completed, long exited,
        List<StepStats> steps) {
}
