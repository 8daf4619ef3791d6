package io.drip.journey.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SplitStepTest {
    private final SplitStep split = new SplitStep("offer", List.of(
            new SplitStep.Variant("A", 45, "ten-off"),
            new SplitStep.Variant("B", 45, "free-ship"),
            new SplitStep.Variant(SplitStep.HOLDOUT, 10, null)), null);

    @Test
    void aContactAlwaysGetsTheSameVariantOfAVersion() {
        for (int i = 0; i < 100; i++) {
            String contact = "c-" + i;
            assertEquals(split.variantFor("cart", 1, contact), split.variantFor("cart", 1, contact));
        }
    }

    @Test
    void variantsFillInProportionToTheirWeights() {
        Map<String, Integer> counts = new HashMap<>();
        int contacts = 20_000;
        for (int i = 0; i < contacts; i++) {
            counts.merge(split.variantFor("cart", 1, "contact-" + i).name(), 1, Integer::sum);
        }
        // 3 standard deviations of a binomial share at n = 20,000 are under 1.1 percentage points
        assertShare(counts.get("A"), contacts, 0.45);
        assertShare(counts.get("B"), contacts, 0.45);
        assertShare(counts.get(SplitStep.HOLDOUT), contacts, 0.10);
    }

    @Test
    void anotherVersionDrawsAgain() {
        int moved = 0;
        for (int i = 0; i < 1000; i++) {
            String contact = "c-" + i;
            if (!split.variantFor("cart", 1, contact).equals(split.variantFor("cart", 2, contact))) {
                moved++;
            }
        }
        assertTrue(moved > 300, "a new version is a new experiment: " + moved + " of 1000 changed variant");
    }

    @Test
    void aDecidedWinnerTakesEveryContactButTheHoldoutWhichKeepsItsShare() {
        int heldOut = 0;
        for (int i = 0; i < 1000; i++) {
            String contact = "c-" + i;
            SplitStep.Variant drawn = split.variantFor("cart", 1, contact);
            assertEquals(drawn, split.assign("cart", 1, contact, Optional.empty()), "undecided: as drawn");
            SplitStep.Variant assigned = split.assign("cart", 1, contact, Optional.of("B"));
            assertEquals(drawn.holdout() ? SplitStep.HOLDOUT : "B", assigned.name());
            heldOut += assigned.holdout() ? 1 : 0;
        }
        assertTrue(heldOut > 50 && heldOut < 150, "about 10 % held out: " + heldOut);
    }

    private static void assertShare(int count, int total, double expected) {
        double share = (double) count / total;
        assertTrue(Math.abs(share - expected) < 0.011, "share " + share + " vs " + expected);
    }
}
