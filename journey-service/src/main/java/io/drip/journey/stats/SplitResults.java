package io.drip.journey.stats;

import io.drip.journey.autowinner.SplitDecision;
import io.drip.journey.definition.SplitStep;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An A/B split's result: per variant, the share of its runs that clicked (a human click on any
 * of its messages) and that converted, each tested against a baseline (clicks: the first
 * variant that gets messages; conversions: the holdout if there is one, else that variant).
 *
 * @param winner     the variant with the best conversion rate when it is beyond chance (95 %) better
 *                   than every other variant and the holdout (a fixed-sample test: see docs/journeys.md
 *                   on looking every day); null while no winner is clear
 * @param autoWinner the split's auto_winner options; null when the marketer decides
 * @param decision   what the auto-winner decided in the version asked for (default: the latest), with its evidence;
 *                   null while undecided
 */
public record SplitResults(String clickBaseline, String conversionBaseline, List<Variant> variants, String winner,
        SplitStep.AutoWinner autoWinner, SplitDecision decision) {

    /** The counts of one variant. */
    public record Counts(String variant, long runs, long clicked, long converted) {
    }

    /**
     * One variant's rates with their own 95 % intervals ({@code clickRate}, {@code conversionRate}),
     * and compared with the baselines ({@code clicks}, {@code conversions}).
     */
    public record Variant(String variant, long runs, long clicked, long converted, RateInterval clickRate,
            RateInterval conversionRate, ProportionTest clicks, ProportionTest conversions) {
    }

    /** @param counts in the split's order; the holdout variant named {@code holdout} */
    public static SplitResults of(List<Counts> counts, String holdout) {
        Counts clickBase = counts.stream().filter(c -> !c.variant().equals(holdout)).findFirst().orElse(null);
        Counts conversionBase = counts.stream().filter(c -> c.variant().equals(holdout)).findFirst().orElse(clickBase);
        if (clickBase == null) {
            return new SplitResults(null, null, List.of(), null, null, null);
        }
        List<Variant> variants = new ArrayList<>();
        for (Counts c : counts) {
            variants.add(new Variant(c.variant(), c.runs(), c.clicked(), c.converted(),
                    c.variant().equals(holdout) ? null : RateInterval.of(c.clicked(), c.runs()),
                    RateInterval.of(c.converted(), c.runs()),
                    c.variant().equals(holdout) ? null : ProportionTest.of(c.clicked(), c.runs(), clickBase.clicked(),
                            clickBase.runs()),
                    ProportionTest.of(c.converted(), c.runs(), conversionBase.converted(), conversionBase.runs())));
        }
        return new SplitResults(clickBase.variant(), conversionBase.variant(), List.copyOf(variants),
                winner(counts, holdout), null, null);
    }

    /** These results with the split's auto-winner options and its decision, if any. */
    public SplitResults withAutoWinner(SplitStep.AutoWinner options, SplitDecision decided) {
        return new SplitResults(clickBaseline, conversionBaseline, variants, winner, options, decided);
    }

    /** The variant with the best conversion rate, if it is beyond chance better than every other group. */
    private static String winner(List<Counts> counts, String holdout) {
        Counts best = counts.stream().filter(c -> !c.variant().equals(holdout) && c.runs() > 0)
                .max(Comparator.comparingDouble(c -> (double) c.converted() / c.runs())).orElse(null);
        if (best == null || counts.size() < 2) {
            return null;
        }
        boolean clear = counts.stream().filter(c -> c != best).allMatch(other -> ProportionTest.of(best.converted(),
                best.runs(), other.converted(), other.runs()).significantlyBetter());
        return clear ? best.variant() : null;
    }
}
