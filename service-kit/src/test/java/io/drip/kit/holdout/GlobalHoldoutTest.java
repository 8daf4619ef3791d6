package io.drip.kit.holdout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GlobalHoldoutTest {
    private static final List<String> CONTACTS = IntStream.range(0, 20_000).mapToObj(i -> "c-" + i).toList();

    private static GlobalHoldout holdout(double share, String key) {
        return new GlobalHoldout(new GlobalHoldout.Config() {
            @Override
            public double share() {
                return share;
            }

            @Override
            public String key() {
                return key;
            }
        });
    }

    private static long heldOut(GlobalHoldout holdout) {
        return CONTACTS.stream().filter(holdout::holdsOut).count();
    }

    @Test
    void holdsOutTheConfiguredShareOfContacts() {
        // 20,000 draws: the share is within 5 standard deviations (0.014) of 10 %
        double share = heldOut(holdout(0.10, "k")) / (double) CONTACTS.size();
        assertEquals(0.10, share, 0.014);
        assertEquals(0, heldOut(holdout(0, "k")));
        assertEquals(CONTACTS.size(), heldOut(holdout(1, "k")));
    }

    @Test
    void theDrawIsTheSameInEveryInstanceAndChangesWithTheKey() {
        assertEquals(holdout(0.1, "k").draw("c-42"), holdout(0.5, "k").draw("c-42"));
        assertNotEquals(holdout(0.1, "k").draw("c-42"), holdout(0.1, "other").draw("c-42"));
        double draw = holdout(0.1, "k").draw("c-42");
        assertTrue(draw >= 0 && draw < 1, "in [0, 1): " + draw);
    }

    @Test
    void raisingTheShareOnlyAddsContacts() {
        GlobalHoldout small = holdout(0.05, "k");
        GlobalHoldout large = holdout(0.20, "k");
        assertFalse(CONTACTS.stream().anyMatch(c -> small.holdsOut(c) && !large.holdsOut(c)));
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> holdout(1.5, "k"));
        assertThrows(IllegalArgumentException.class, () -> holdout(Double.NaN, "k"));
    }
}
