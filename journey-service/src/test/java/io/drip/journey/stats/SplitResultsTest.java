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
