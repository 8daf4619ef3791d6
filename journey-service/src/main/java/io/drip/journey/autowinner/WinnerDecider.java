package io.drip.journey.autowinner;

import io.drip.journey.definition.SplitStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides whether a split with {@code auto_winner} has a winner: once every competing variant
 * has its minimum runs, the variant with the best estimate wins if the {@link MixtureSprt} finds
 * it better than every other one. With k variants the k(k−1)/2 pairs share the error rate
 * (Bonferroni), so the chance of naming a winner among equal variants stays at most 1 − confidence.
 * The holdout is not a candidate: it only keeps its share. Nothing is stored here.
 */
@ApplicationScoped
public class WinnerDecider {
    private final MixtureSprt test;

    @Inject
    public WinnerDecider(AutoWinnerConfig config) {
        this(new MixtureSprt(config.mixingSd()));
    }

    public WinnerDecider(MixtureSprt test) {
        this.test = test;
    }

    /** @param totals the competing variants' totals, in the split's order */
    public SplitOutcome decide(SplitStep.AutoWinner options, List<VariantTotals> totals, Instant now) {
        if (totals.size() < 2) {
            return new SplitOutcome.Undecided("fewer than two variants to compare");
        }
        for (VariantTotals variant : totals) {
            if (variant.runs() < options.minRuns()) {
                return new SplitOutcome.Undecided("variant " + variant.variant() + " has " + variant.runs() + " of "
                        + options.minRuns() + " runs");
            }
        }
        SplitStep.Metric metric = options.metric();
        VariantTotals best = totals.stream().max(Comparator.comparingDouble(t -> t.sample(metric).mean())).orElseThrow();
        int pairs = totals.size() * (totals.size() - 1) / 2;
        double alpha = options.alpha() / pairs;
        MixtureSprt.Comparison closest = null;
        String runnerUp = null;
        for (VariantTotals other : totals) {
            if (other == best) {
                continue;
            }
            MixtureSprt.Comparison comparison = test.compare(best.sample(metric), other.sample(metric), alpha);
            if (comparison.pValue() > alpha || comparison.difference() <= 0) {
                return new SplitOutcome.Undecided(best.variant() + " is not yet clearly better than " + other.variant());
            }
            if (closest == null || comparison.pValue() > closest.pValue()) {
                closest = comparison;
                runnerUp = other.variant();
            }
        }
        List<Evidence.Estimate> estimates = new ArrayList<>();
        totals.forEach(t -> estimates.add(new Evidence.Estimate(t.variant(), t.runs(), t.sample(metric).mean())));
        return new SplitOutcome.Decided(best.variant(), new Evidence(metric, options.confidence(), List.copyOf(estimates),
                runnerUp, closest.difference(), Math.min(1, closest.pValue() * pairs), closest.low(), closest.high(),
                totals.stream().mapToLong(VariantTotals::runs).sum(), now));
    }
}
