package io.drip.journey.autowinner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.journey.definition.SplitStep;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WinnerDeciderTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final SplitStep.AutoWinner CONVERSION =
            new SplitStep.AutoWinner(SplitStep.Metric.CONVERSION, 100, 0.95);

    private final WinnerDecider decider = new WinnerDecider(new MixtureSprt(0.1));

    private SplitOutcome decide(VariantTotals... totals) {
        return decider.decide(CONVERSION, List.of(totals), NOW);
    }

    private static VariantTotals converted(String variant, long runs, long converted) {
        return new VariantTotals(variant, runs, 0, converted, 0, 0);
    }

    @Test
    void aVariantBelowItsMinimumRunsKeepsTheSplitUndecidedHoweverClear() {
        SplitOutcome outcome = decide(converted("A", 99, 90), converted("B", 500, 10));
        assertEquals(new SplitOutcome.Undecided("variant A has 99 of 100 runs"), outcome);
    }

    @Test
    void aClearlyBetterVariantWinsWithItsEvidence() {
        SplitOutcome outcome = decide(converted("A", 2000, 200), converted("B", 2000, 300));
        SplitOutcome.Decided decided = (SplitOutcome.Decided) outcome;
        assertEquals("B", decided.winner());
        Evidence evidence = decided.evidence();
        assertEquals(SplitStep.Metric.CONVERSION, evidence.metric());
        assertEquals("A", evidence.runnerUp());
        assertEquals(List.of(new Evidence.Estimate("A", 2000, 0.10), new Evidence.Estimate("B", 2000, 0.15)),
                evidence.estimates());
        assertEquals(0.05, evidence.difference(), 1e-9);
        assertTrue(evidence.pValue() <= 0.05, "p " + evidence.pValue());
        assertTrue(evidence.low() > 0 && evidence.high() > evidence.difference(), evidence.toString());
        assertEquals(4000, evidence.runs());
        assertEquals(NOW, evidence.decidedAt());
    }

    @Test
    void whatAFixedSampleTestWouldCallSignificantIsNotYetEnough() {
        // z ≈ 2.2, p ≈ 0.03 for a z-test looked at once; the always-valid p-value is far above 0.05
        SplitOutcome outcome = decide(converted("A", 1000, 100), converted("B", 1000, 130));
        assertEquals(new SplitOutcome.Undecided("B is not yet clearly better than A"), outcome);
    }

    @Test
    void withThreeVariantsTheWinnerMustBeatBothAtAStricterLevel() {
        SplitOutcome outcome = decide(converted("A", 2000, 200), converted("B", 2000, 300),
                converted("C", 2000, 290));
        assertEquals(new SplitOutcome.Undecided("B is not yet clearly better than C"), outcome);
        SplitOutcome clear = decide(converted("A", 3000, 300), converted("B", 3000, 450),
                converted("C", 3000, 300));
        assertEquals("B", ((SplitOutcome.Decided) clear).winner());
        assertTrue(((SplitOutcome.Decided) clear).evidence().pValue() <= 0.05);
    }

    @Test
    void revenuePerRecipientComparesMeansWithEachVariantsOwnSpread() {
        SplitStep.AutoWinner revenue = new SplitStep.AutoWinner(SplitStep.Metric.REVENUE_PER_RECIPIENT, 100, 0.95);
        // 5 % buy 50 in A against 10 % in B: 2.5 against 5.0 per recipient
        VariantTotals a = new VariantTotals("A", 4000, 0, 200, 200 * 50.0, 200 * 2500.0);
        VariantTotals b = new VariantTotals("B", 4000, 0, 400, 400 * 50.0, 400 * 2500.0);
        SplitOutcome.Decided decided = (SplitOutcome.Decided) decider.decide(revenue, List.of(a, b), NOW);
        assertEquals("B", decided.winner());
        assertEquals(2.5, decided.evidence().difference(), 1e-9);
    }

    @Test
    void noSpreadYetIsNoEvidence() {
        SplitOutcome outcome = decide(converted("A", 100, 0), converted("B", 100, 0));
        assertEquals(new SplitOutcome.Undecided("A is not yet clearly better than B"), outcome);
    }
}
