package io.drip.console.splits;

import io.drip.console.api.JourneyView;
import java.util.List;

/**
 * A split's rates over time as the rows of the page's table, one per bucket and variant:
 * journey-service's figures ({@code /splits/{step}/over-time}), only formatted.
 */
public final class SplitTimeline {

    /** {@code at}: the bucket's start as the API gave it (UTC); {@code *Data}: the raw rates the chart reads. */
    public record Row(String at, String variant, long runs, String clickRate, String conversionRate, String clickData,
            String conversionData) {
    }

    private SplitTimeline() {
    }

    public static List<Row> of(JourneyView.SplitSeries series) {
        return series.points().stream().map(p -> new Row(p.at(), p.variant(), p.runs(),
                p.clickRate() == null ? SplitRows.NONE : SplitRows.percent(p.clickRate().rate()),
                SplitRows.percent(p.conversionRate().rate()),
                p.clickRate() == null ? "" : SplitRows.figure(p.clickRate().rate()),
                SplitRows.figure(p.conversionRate().rate()))).toList();
    }
}
