package io.drip.journey.stats;

import java.math.BigDecimal;
import java.util.Map;

/**
 * What one step (and variant) achieved. {@code messages} counts send commands issued;
 * {@code suppressedBy} counts suppressed messages by reason (opted_out, cap_daily, expired...);
 * {@code clicked} counts messages with at least one human click; {@code replied} messages that got
 * an answer (to a reply wait); {@code converted} counts the conversions attributed to the step,
 * {@code revenue} their revenue.
 */
public record StepStats(String step, String variant, long messages, long sent, long delivered, long failed,
        long suppressed, Map<String, Long> suppressedBy, long clicked, long replied, long converted, BigDecimal revenue) {
}
