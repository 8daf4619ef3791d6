package io.drip.console.splits;

import io.drip.console.api.JourneyView;
import java.util.List;
import java.util.Locale;

/**
 * An A/B split's result as the rows of the page's table: journey-service's figures, only
 * formatted (rates in percent, intervals, p-values); nothing is computed here.
 */
public final class SplitRows {
    static final String NONE = "—";

    /** One variant's line; {@code *Data} are the raw figures the chart script reads from the table. */
    public record Row(String variant, boolean winner, boolean clickBaseline, boolean conversionBaseline, long runs,
            long clicked, long converted, Cell clicks, Cell conversions) {
    }

    /** A rate with its interval and its comparison with the baseline, as text and as figures for the chart. */
    public record Cell(String rate, String interval, String pValue, String difference, String rateData,
            String lowData, String highData) {
    }

    private SplitRows() {
    }

    public static List<Row> of(JourneyView.Split split) {
        return split.variants().stream().map(v -> new Row(v.variant(), v.variant().equals(split.winner()),
                v.variant().equals(split.clickBaseline()), v.variant().equals(split.conversionBaseline()), v.runs(),
                v.clicked(), v.converted(), cell(v.clickRate(), v.clicks()), cell(v.conversionRate(), v.conversions())))
                .toList();
    }

    static Cell cell(JourneyView.Rate rate, JourneyView.Comparison comparison) {
        if (rate == null) {
            return new Cell(NONE, NONE, NONE, NONE, "", "", "");
        }
        String interval = rate.low() == null ? NONE : percent(rate.low()) + " – " + percent(rate.high());
        return new Cell(percent(rate.rate()), interval, comparison == null ? NONE : pValue(comparison.pValue()),
                comparison == null ? NONE : points(comparison.difference()), figure(rate.rate()), figure(rate.low()),
                figure(rate.high()));
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f %%", rate * 100);
    }

    /** A p-value as people read it: three decimals, and "< 0.001" below that. */
    static String pValue(Double p) {
        if (p == null) {
            return NONE;
        }
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    static String points(double difference) {
        return String.format(Locale.ROOT, "%+.1f pts", difference * 100);
    }

    static String figure(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.6f", value);
    }
}
