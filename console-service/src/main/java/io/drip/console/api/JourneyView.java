package io.drip.console.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** journey-service's answers, as far as the console reads them (unknown fields are ignored). */
public final class JourneyView {

    private JourneyView() {
    }

    public record Summary(String id, int version, String status, String name, String trigger) {
    }

    public record Stats(String journey, Integer version, long entered, long active, long completed, long exited,
            Map<String, Long> exitReasons, long converted, BigDecimal revenue, Map<String, Long> reached,
            List<StepStats> steps, Map<String, Split> splits) {

        /** Messages sent by the journey, all steps and variants together. */
        public long sent() {
            return steps == null ? 0 : steps.stream().mapToLong(StepStats::sent).sum();
        }
    }

    public record StepStats(String step, String variant, long messages, long sent, long delivered, long failed,
            long suppressed, long clicked, long replied, long converted) {
    }

    /**
     * An A/B split's result, as journey-service computed it (its two-proportion z-tests); with
     * {@code auto_winner}, its options and, once taken, its decision (else both null).
     */
    public record Split(String clickBaseline, String conversionBaseline, List<Variant> variants, String winner,
            AutoWinner autoWinner, Decision decision) {
    }

    /** {@code metric}: conversion, click or revenue_per_recipient. */
    public record AutoWinner(String metric, int minRuns, double confidence) {
    }

    public record Decision(String winner, Evidence evidence) {
    }

    /** Why the split named its winner: estimates, the closest rival, the difference's interval, the always-valid p-value. */
    public record Evidence(String metric, double confidence, List<Estimate> estimates, String runnerUp,
            double difference, double pValue, Double low, Double high, long runs, String decidedAt) {
    }

    /** A variant's runs and its rate, or revenue per recipient. */
    public record Estimate(String variant, long runs, double value) {
    }

    /** {@code clickRate} and {@code clicks} are null for a holdout (it gets no messages). */
    public record Variant(String variant, long runs, long clicked, long converted, Rate clickRate, Rate conversionRate,
            Comparison clicks, Comparison conversions) {
    }

    /** A rate with its 95 % interval (null bounds for an empty group). */
    public record Rate(double rate, Double low, Double high) {
    }

    /** A rate against its baseline: the difference, its 95 % interval and the p-value (null when the test cannot say). */
    public record Comparison(double rate, double baselineRate, double difference, Double pValue, Double low,
            Double high) {
    }

    /** A split's rates over time: one point per bucket and variant. */
    public record SplitSeries(String every, List<Point> points) {
    }

    /** The runs of one variant that entered in the bucket starting {@code at}; {@code clickRate} null for a holdout. */
    public record Point(String at, String variant, long runs, long clicked, long converted, Rate clickRate,
            Rate conversionRate) {
    }

    public record Version(String journey, int version, String yaml, Outline outline) {
    }

    public record Outline(List<Node> steps) {
    }

    public record Node(String id, String kind, String summary, List<Edge> next) {
    }

    /** {@code to}: a step id, {@code "(end)"} (the run completes), or null (the run leaves there). */
    public record Edge(String to, String label) {
    }

    public record Published(String id, int version, String status, boolean created) {
    }

    public record Valid(String journey, Outline outline) {
    }

    public record Timeline(String journey, List<TimelineEntry> entries) {
    }

    public record TimelineEntry(String at, String after, int run, String step, String what, String detail) {
    }

    public record StatusChange(String id, String status, int runsEnded) {
    }
}
