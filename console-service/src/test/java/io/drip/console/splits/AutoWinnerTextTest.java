package io.drip.console.splits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.drip.console.api.JourneyView;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoWinnerTextTest {
    private static JourneyView.Split split(JourneyView.AutoWinner auto, JourneyView.Decision decision) {
        return new JourneyView.Split("A", "holdout", List.of(), null, auto, decision);
    }

    @Test
    void aSplitTheMarketerDecidesHasNoAutoWinnerText() {
        assertNull(AutoWinnerText.of(split(null, null)));
    }

    @Test
    void anUndecidedSplitSaysHowItWillDecide() {
        AutoWinnerText text = AutoWinnerText.of(split(new JourneyView.AutoWinner("conversion", 200, 0.95), null));
        assertEquals("This split decides itself on conversion rate, once every variant has 200 runs, at 95.0 % confidence,"
                + " with a test that stays valid however often it is looked at.", text.options());
        assertNull(text.decision());
    }

    @Test
    void aDecisionIsShownWithItsEvidence() {
        var evidence = new JourneyView.Evidence("conversion", 0.95, List.of(new JourneyView.Estimate("A", 1200, 0.152),
                new JourneyView.Estimate("B", 1180, 0.101)), "B", 0.051, 0.0031, 0.012, 0.09, 2380,
                "2026-12-07T10:00:00Z");
        AutoWinnerText text = AutoWinnerText.of(split(new JourneyView.AutoWinner("conversion", 200, 0.95),
                new JourneyView.Decision("A", evidence)));
        assertEquals("Decided: A wins on conversion rate (2026-12-07T10:00:00Z). Every contact who reaches the split now"
                + " gets A; the holdout, if any, keeps its share.", text.decision());
        assertEquals("A 15.2 % of 1200 runs, B 10.1 % of 1180 runs. Against B: +5.1 pts, interval +1.2 pts to +9.0 pts;"
                + " always-valid p-value 0.003 after 2380 runs.", text.evidence());
    }

    @Test
    void revenuePerRecipientIsAnAmount() {
        var evidence = new JourneyView.Evidence("revenue_per_recipient", 0.95, List.of(new JourneyView.Estimate("A", 900,
                2.5), new JourneyView.Estimate("B", 910, 4.25)), "A", 1.75, 0.0004, 0.4, 3.1, 1810, "2026-12-07T10:00:00Z");
        AutoWinnerText text = AutoWinnerText.of(split(new JourneyView.AutoWinner("revenue_per_recipient", 100, 0.95),
                new JourneyView.Decision("B", evidence)));
        assertEquals("A 2.50 of 900 runs, B 4.25 of 910 runs. Against A: +1.75, interval +0.40 to +3.10;"
                + " always-valid p-value < 0.001 after 1810 runs.", text.evidence());
    }
}
