package io.drip.contact.holdout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HoldoutLiftTest {
    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");

    /** held out: 100 contacts, 10 ordered for 50 each; the rest: 300 contacts, 60 ordered for 50 each. */
    private static HoldoutLift.Report knownGroups() {
        HoldoutLift lift = new HoldoutLift();
        for (int i = 0; i < 100; i++) {
            lift.add(true, i < 10, i < 10 ? 50 : 0);
        }
        for (int i = 0; i < 300; i++) {
            lift.add(false, i < 60, i < 60 ? 50 : 0);
        }
        return lift.report(FROM, TO, 0.25);
    }

    @Test
    void ratesRevenuePerContactAndTheirDifference() {
        HoldoutLift.Report report = knownGroups();
        assertEquals(100, report.holdout().contacts());
        assertEquals(10, report.holdout().converted());
        assertEquals(500, report.holdout().revenue(), 1e-9);
        assertEquals(0.10, report.holdout().conversionRate().value(), 1e-12);
        assertEquals(0.20, report.rest().conversionRate().value(), 1e-12);
        assertEquals(5.0, report.holdout().revenuePerContact().value(), 1e-12);
        assertEquals(10.0, report.rest().revenuePerContact().value(), 1e-12);
        assertEquals(0.10, report.lift().conversionRate().value(), 1e-12);
        assertEquals(5.0, report.lift().revenuePerContact().value(), 1e-12);
    }

    @Test
    void theIntervalOfTheDifferenceIsWelchsNormalInterval() {
        HoldoutLift.Report report = knownGroups();
        // sample variances: p(1-p)·n/(n-1); 1.959964 is the normal distribution's 97.5 % quantile
        double holdoutVariance = 0.1 * 0.9 * 100 / 99;
        double restVariance = 0.2 * 0.8 * 300 / 299;
        double half = 1.959964 * Math.sqrt(holdoutVariance / 100 + restVariance / 300);
        assertEquals(0.10 - half, report.lift().conversionRate().low(), 1e-6);
        assertEquals(0.10 + half, report.lift().conversionRate().high(), 1e-6);
        double revenueHalf = 50 * half; // revenue is 50 × the conversion indicator here
        assertEquals(5.0 - revenueHalf, report.lift().revenuePerContact().low(), 1e-4);
        assertEquals(5.0 + revenueHalf, report.lift().revenuePerContact().high(), 1e-4);
        var rate = report.holdout().conversionRate();
        assertTrue(rate.low() < 0.10 && 0.10 < rate.high(), rate.toString());
    }

    @Test
    void anEmptyHoldoutHasNoEstimateAndOneContactNoInterval() {
        HoldoutLift lift = new HoldoutLift();
        lift.add(false, true, 20);
        HoldoutLift.Report report = lift.report(FROM, TO, 0);
        assertEquals(0, report.holdout().contacts());
        assertNull(report.holdout().conversionRate().value());
        assertNull(report.lift().conversionRate().value());
        assertEquals(1.0, report.rest().conversionRate().value());
        assertNull(report.rest().conversionRate().low());
    }
}
