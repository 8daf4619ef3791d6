package io.drip.contact.holdout;

import java.time.Instant;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * The incremental lift of all marketing SMS over a period (docs/sending.md, "Global holdout"):
 * the contacts of the global holdout, who got no marketing, against the rest, by conversion rate
 * (the share of contacts with at least one order) and revenue per contact. Contacts are added
 * one at a time, so a report over millions keeps a few numbers in memory, not the contacts.
 * Each group's mean and the difference of the means (rest minus holdout) come with a 95 %
 * confidence interval from the normal approximation with each group's own variance (Welch's
 * standard error, sqrt(s1²/n1 + s2²/n2)): the same for a rate (a mean of 0s and 1s) and for
 * revenue, which is skewed but whose mean over hundreds of contacts is close to normal.
 */
public final class HoldoutLift {
    private static final double Z_95 = new NormalDistribution().inverseCumulativeProbability(0.975);

    /** A value with its 95 % confidence interval; all null for an empty group, the bounds null below two contacts. */
    public record Estimate(Double value, Double low, Double high) {
        static final Estimate NONE = new Estimate(null, null, null);
    }

    /**
     * One group's contacts in the period.
     *
     * @param converted contacts with at least one order
     * @param revenue   the revenue of their orders
     */
    public record Group(long contacts, long converted, double revenue, Estimate conversionRate,
            Estimate revenuePerContact) {
    }

    /** The rest minus the holdout, per contact: what marketing added. */
    public record Lift(Estimate conversionRate, Estimate revenuePerContact) {
    }

    /** The report of a period, {@code from} inclusive, {@code to} exclusive. */
    public record Report(Instant from, Instant to, double holdoutShare, Group holdout, Group rest, Lift lift) {
    }

    /** A group's conversions (0 or 1 per contact) and revenues. */
    private static final class Tally {
        private final SummaryStatistics conversions = new SummaryStatistics();
        private final SummaryStatistics revenues = new SummaryStatistics();

        void add(boolean converted, double revenue) {
            conversions.addValue(converted ? 1 : 0);
            revenues.addValue(revenue);
        }

        Group group() {
            return new Group(conversions.getN(), Math.round(conversions.getSum()), revenues.getSum(),
                    mean(conversions), mean(revenues));
        }
    }

    private final Tally holdout = new Tally();
    private final Tally rest = new Tally();

    /** Counts one contact: held out or not, converted or not, with the revenue of its orders in the period. */
    public void add(boolean heldOut, boolean converted, double revenue) {
        (heldOut ? holdout : rest).add(converted, revenue);
    }

    public Report report(Instant from, Instant to, double holdoutShare) {
        return new Report(from, to, holdoutShare, holdout.group(), rest.group(),
                new Lift(difference(rest.conversions, holdout.conversions), difference(rest.revenues, holdout.revenues)));
    }

    private static Estimate mean(SummaryStatistics values) {
        if (values.getN() == 0) {
            return Estimate.NONE;
        }
        if (values.getN() < 2) {
            return new Estimate(values.getMean(), null, null);
        }
        double half = Z_95 * Math.sqrt(values.getVariance() / values.getN());
        return new Estimate(values.getMean(), values.getMean() - half, values.getMean() + half);
    }

    private static Estimate difference(SummaryStatistics treated, SummaryStatistics control) {
        if (treated.getN() == 0 || control.getN() == 0) {
            return Estimate.NONE;
        }
        double difference = treated.getMean() - control.getMean();
        if (treated.getN() < 2 || control.getN() < 2) {
            return new Estimate(difference, null, null);
        }
        double half = Z_95 * Math.sqrt(treated.getVariance() / treated.getN() + control.getVariance() / control.getN());
        return new Estimate(difference, difference - half, difference + half);
    }
}
