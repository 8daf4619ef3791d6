package io.drip.console.splits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.console.api.JourneyView;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitRowsTest {

    @Test
    void theApisFiguresAreShownInPercentWithTheirIntervalsAndPValues() {
        var a = new JourneyView.Variant("A", 100, 20, 5, new JourneyView.Rate(0.2, 0.1334, 0.2888),
                new JourneyView.Rate(0.05, 0.0215, 0.1118), new JourneyView.Comparison(0.2, 0.2, 0, null, null, null),
                new JourneyView.Comparison(0.05, 0.02, 0.03, 0.0004, 0.001, 0.06));
        var holdout = new JourneyView.Variant("holdout", 50, 0, 1, null, new JourneyView.Rate(0.02, 0.0035, 0.1050),
                null, new JourneyView.Comparison(0.02, 0.02, 0, null, null, null));
        List<SplitRows.Row> rows = SplitRows.of(new JourneyView.Split("A", "holdout", List.of(a, holdout), "A", null, null));

        SplitRows.Row first = rows.get(0);
        assertTrue(first.winner() && first.clickBaseline() && !first.conversionBaseline());
        assertEquals("20.0 %", first.clicks().rate());
        assertEquals("13.3 % – 28.9 %", first.clicks().interval());
        assertEquals("< 0.001", first.conversions().pValue());
        assertEquals("+3.0 pts", first.conversions().difference());
        assertEquals("0.200000", first.clicks().rateData(), "the chart reads the raw figure");

        SplitRows.Row second = rows.get(1);
        assertEquals("—", second.clicks().rate(), "a holdout gets no messages to click");
        assertEquals("", second.clicks().rateData(), "and no bar");
        assertEquals("—", second.conversions().pValue(), "no test where the API could not say");
        assertEquals("0.012", SplitRows.pValue(0.0123));
    }
}
