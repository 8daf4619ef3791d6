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
            List<StepStats> steps) {

        /** Messages sent by the journey, all steps and variants together. */
        public long sent() {
            return steps == null ? 0 : steps.stream().mapToLong(StepStats::sent).sum();
        }
    }

    public record StepStats(String step, String variant, long messages, long sent, long delivered, long failed,
            long suppressed, long clicked, long converted) {
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

    public record StatusChange(String id, String status, int runsEnded) {
    }
}
