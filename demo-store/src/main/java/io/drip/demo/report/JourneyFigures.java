package io.drip.demo.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * One journey's figures as the report shows them, each taken from one field of a service's answer;
 * {@code answers}: per reply wait, its answers by the step they led to; {@code rounds}: an audience
 * journey's latest rounds.
 */
public record JourneyFigures(String id, String name, int version, String status, long entered, long active,
        long completed, long exited, Map<String, Long> exitReasons, long converted, BigDecimal revenue,
        List<Step> steps, Map<String, Map<String, Long>> answers, List<AbTest> abTests, List<Round> rounds) {

    /**
     * A round of an audience journey: {@code reached} of {@code audienceSize} members decided so far,
     * {@code entered} of them entered; {@code manual} when a marketer started it now.
     */
    public record Round(String round, boolean manual, String status, long audienceSize, long reached, long entered) {
    }

    /**
     * A send step (and variant). {@code entered}: runs that reached it (journey-service's messages);
     * {@code queued}: messages dispatch still holds, {@code queuedBy} why; {@code bots}: link fetches
     * tracking-service took for bots and previews; {@code replied}: messages answered by SMS.
     */
    public record Step(String step, String variant, long entered, long sent, long delivered, long queued,
            Map<String, Long> queuedBy, long failed, long suppressed, Map<String, Long> suppressedBy, long clicked,
            long bots, long replied, long converted, BigDecimal revenue) {
    }

    /** An A/B split's result: per variant, its runs, clicks and conversions against the baseline. */
    public record AbTest(String step, String baseline, List<Variant> variants, String winner) {
    }

    /** @param difference conversion rate minus the baseline's; null for the baseline itself or when untestable */
    public record Variant(String variant, long runs, long clicked, long converted, Double difference, Double pValue) {
    }
}
