package io.drip.journey.stats;

import java.util.List;
import java.util.Map;

/** A journey's runs by status, why runs exited, and its steps' results. */
public record JourneyStats(String journey, long entered, long active, long completed, long exited,
        Map<String, Long> exitReasons, List<StepStats> steps) {
}
