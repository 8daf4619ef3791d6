package io.drip.journey.stats;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A journey's runs by status, why runs exited, conversions, and its steps' results. */
public record JourneyStats(String journey, long entered, long active, long completed, long exited,
        Map<String, Long> exitReasons, long converted, BigDecimal revenue, List<StepStats> steps) {
}
