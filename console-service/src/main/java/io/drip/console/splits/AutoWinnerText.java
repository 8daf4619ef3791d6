package io.drip.console.splits;

import io.drip.console.api.JourneyView;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A split's auto-winner as the A/B page words it: its options, and once taken its decision and
 * evidence. Only journey-service's figures, formatted: rates in percent, revenue per recipient as
 * an amount.
 *
 * @param decision null while undecided
 * @param evidence null while undecided
 */
public record AutoWinnerText(String options, String decision, String evidence) {

    /** Null when the marketer decides the split. */
    public static AutoWinnerText of(JourneyView.Split split) {
        JourneyView.AutoWinner auto = split.autoWinner();
        if (auto == null) {
            return null;
        }
        String options = String.format(Locale.ROOT, "This split decides itself on %s, once every variant has %d runs,"
                + " at %s confidence, with a test that stays valid however often it is looked at.", metric(auto.metric()),
                auto.minRuns(), SplitRows.percent(auto.confidence()));
        JourneyView.Decision decided = split.decision();
        if (decided == null) {
            return new AutoWinnerText(options, null, null);
        }
        JourneyView.Evidence e = decided.evidence();
        String decision = "Decided: " + decided.winner() + " wins on " + metric(e.metric()) + " (" + e.decidedAt()
                + "). Every contact who reaches the split now gets " + decided.winner()
                + "; the holdout, if any, keeps its share.";
        String estimates = e.estimates().stream().map(x -> x.variant() + " " + value(e.metric(), x.value()) + " of "
                + x.runs() + " runs").collect(Collectors.joining(", "));
        String interval = e.low() == null ? "" : ", interval " + difference(e.metric(), e.low()) + " to "
                + difference(e.metric(), e.high());
        String evidence = estimates + ". Against " + e.runnerUp() + ": " + difference(e.metric(), e.difference())
                + interval + "; always-valid p-value " + SplitRows.pValue(e.pValue()) + " after " + e.runs() + " runs.";
        return new AutoWinnerText(options, decision, evidence);
    }

    private static String metric(String metric) {
        return switch (metric) {
            case "click" -> "click rate";
            case "revenue_per_recipient" -> "revenue per recipient";
            default -> "conversion rate";
        };
    }

    private static boolean revenue(String metric) {
        return "revenue_per_recipient".equals(metric);
    }

    private static String value(String metric, double value) {
        return revenue(metric) ? String.format(Locale.ROOT, "%.2f", value) : SplitRows.percent(value);
    }

    private static String difference(String metric, double difference) {
        return revenue(metric) ? String.format(Locale.ROOT, "%+.2f", difference) : SplitRows.points(difference);
    }
}
