package io.drip.journey.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SplitResultsTest {

    @Test
    void twoProportionsAreComparedWithThePooledZTest() {
        // 20 % of 1000 against 15 % of 1000: pooled rate 0.175, z = 0.05 / 0.016993 = 2.942
        ProportionTest test = ProportionTest.of(200, 1000, 150, 1000);
        assertEquals(0.05, test.difference(), 1e-9);
        assertEquals(0.00326, test.pValue(), 1e-4);
        assertEquals(0.05 - 1.95996 * 0.016956, test.low(), 1e-4);
        assertEquals(0.05 + 1.95996 * 0.016956, test.high(), 1e-4);
        assertTrue(test.significantlyBetter());
        assertTrue(!ProportionTest.of(21, 100, 18, 100).significantlyBetter(), "3 points on 100 is chance");
        assertNull(ProportionTest.of(0, 100, 0, 100).pValue(), "nothing to compare");
        assertNull(ProportionTest.of(1, 0, 0, 100).pValue(), "an empty group");
    }

    @Test
    void eachRateHasItsWilsonInterval() {
        RateInterval fifth = RateInterval.of(20, 100);
        assertEquals(0.2, fifth.rate(), 1e-9);
        assertEquals(0.1334, fifth.low(), 1e-4);
        assertEquals(0.2888, fifth.high(), 1e-4);
        RateInterval none = RateInterval.of(0, 10);
        assertEquals(0.0, none.low(), 1e-9, "never below 0, where the normal approximation would go");
        assertEquals(0.2775, none.high(), 1e-4);
        assertNull(RateInterval.of(0, 0).low(), "an empty group has no interval");
        var split = SplitResults.of(List.of(new SplitResults.Counts("A", 100, 20, 5),
                new SplitResults.Counts("holdout", 50, 0, 1)), "holdout");
        assertEquals(fifth, split.variants().get(0).clickRate());
        assertNull(split.variants().get(1).clickRate(), "the holdout gets no messages to click");
        assertEquals(RateInterval.of(1, 50), split.variants().get(1).conversionRate());
    }

    @Test
    void aWinnerIsClearOnlyWhenItBeatsEveryOtherGroup() {
        var clear = SplitResults.of(List.of(new SplitResults.Counts("A", 1000, 300, 120),
                new SplitResults.Counts("B", 1000, 310, 180), new SplitResults.Counts("holdout", 1000, 0, 100)), "holdout");
        assertEquals("A", clear.clickBaseline());
        assertEquals("holdout", clear.conversionBaseline());
        assertEquals("B", clear.winner());
        assertNull(clear.variants().get(2).clicks(), "the holdout gets no messages to click");
        var close = SplitResults.of(List.of(new SplitResults.Counts("A", 1000, 300, 170),
                new SplitResults.Counts("B", 1000, 310, 180), new SplitResults.Counts("holdout", 1000, 0, 100)), "holdout");
        assertNull(close.winner(), "B is not beyond chance better than A");
        var noHoldout = SplitResults.of(List.of(new SplitResults.Counts("A", 500, 100, 90),
                new SplitResults.Counts("B", 500, 90, 40)), "holdout");
        assertEquals("A", noHoldout.conversionBaseline());
        assertEquals("A", noHoldout.winner(), "the baseline itself can win");
    }
}
