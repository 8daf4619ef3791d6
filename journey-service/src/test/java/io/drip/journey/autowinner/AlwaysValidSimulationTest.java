package io.drip.journey.autowinner;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.journey.definition.SplitStep;
import io.drip.journey.stats.ProportionTest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The proof that the auto-winner keeps its promise when it looks after every run, by simulation
 * (seed {@link #SEED}): 1,000 A/A experiments (two equal variants) name a winner in at most 5 %
 * of them (plus Monte-Carlo slack), where the fixed-sample z-test checked as often names one in
 * far more; A/B experiments with a real difference are decided, and the runs they take are
 * printed beside the fixed-sample test's, the figures of docs/benchmarks.md ("Auto-winner").
 */
class AlwaysValidSimulationTest {
    static final long SEED = 17;
    private static final int EXPERIMENTS = 1000;
    private static final double ALPHA = 0.05;
    private static final int MIN_RUNS = 100;
    /** What 1,000 experiments can tell a share of 5 % from: two standard errors. */
    private static final double SLACK = 2 * Math.sqrt(ALPHA * (1 - ALPHA) / EXPERIMENTS);
    private static final NormalDistribution NORMAL = new NormalDistribution();

    private final WinnerDecider decider =
            new WinnerDecider(new MixtureSprt(Double.parseDouble(AutoWinnerConfig.DEFAULT_MIXING_SD)));

    /** One run's outcome: its value for the metric (0/1 for a rate, an amount for revenue). */
    private interface Outcome {
        double draw(SplittableRandom random);
    }

    private static Outcome rate(double p) {
        return random -> random.nextDouble() < p ? 1 : 0;
    }

    /** Revenue per recipient as shops see it: most buy nothing, buyers' baskets log-normal (median 33, mean 54). */
    private static Outcome revenue(double buyers) {
        return random -> random.nextDouble() < buyers ? Math.exp(3.5 + random.nextGaussian()) : 0;
    }

    /** How one simulated experiment ended: the winner (null: none) and the runs it took. */
    private record Ending(String winner, long runs) {
    }

    /** Who decides: the auto-winner's sequential test, or a two-proportion z-test at 5 % checked as often. */
    private interface Monitor {
        String winner(Sample a, Sample b);
    }

    private Monitor sequential(SplitStep.Metric metric) {
        SplitStep.AutoWinner options = new SplitStep.AutoWinner(metric, MIN_RUNS, 1 - ALPHA);
        return (a, b) -> {
            SplitOutcome outcome = decider.decide(options, List.of(totals("A", a, metric), totals("B", b, metric)),
                    Instant.EPOCH);
            return outcome instanceof SplitOutcome.Decided decided ? decided.winner() : null;
        };
    }

    private static VariantTotals totals(String name, Sample sample, SplitStep.Metric metric) {
        long successes = Math.round(sample.sum());
        return metric == SplitStep.Metric.REVENUE_PER_RECIPIENT
                ? new VariantTotals(name, sample.n(), 0, 0, sample.sum(), sample.sumOfSquares())
                : new VariantTotals(name, sample.n(), successes, successes, 0, 0);
    }

    /** The fixed-sample test as most tools run it, looked at after every check: the wrong way. */
    private static Monitor peekingZTest() {
        return (a, b) -> {
            if (a.n() < MIN_RUNS || b.n() < MIN_RUNS) {
                return null;
            }
            ProportionTest test = ProportionTest.of(Math.round(b.sum()), b.n(), Math.round(a.sum()), a.n());
            return test.pValue() != null && test.pValue() < ALPHA ? (test.difference() > 0 ? "B" : "A") : null;
        };
    }

    /** Runs enter one by one, each to A or B with even odds, until the monitor names a winner or {@code maxRuns}. */
    private static Ending run(SplittableRandom random, Outcome a, Outcome b, Monitor monitor, int checkEvery,
            int maxRuns) {
        Sample sampleA = new Sample(0, 0, 0);
        Sample sampleB = new Sample(0, 0, 0);
        for (int runs = 1; runs <= maxRuns; runs++) {
            if (random.nextBoolean()) {
                double value = a.draw(random);
                sampleA = sampleA.plus(new Sample(1, value, value * value));
            } else {
                double value = b.draw(random);
                sampleB = sampleB.plus(new Sample(1, value, value * value));
            }
            if (runs % checkEvery == 0) {
                String winner = monitor.winner(sampleA, sampleB);
                if (winner != null) {
                    return new Ending(winner, runs);
                }
            }
        }
        return new Ending(null, maxRuns);
    }

    private static List<Ending> experiments(Outcome a, Outcome b, Monitor monitor, int checkEvery, int maxRuns) {
        SplittableRandom random = new SplittableRandom(SEED);
        return IntStream.range(0, EXPERIMENTS)
                .mapToObj(i -> run(random.split(), a, b, monitor, checkEvery, maxRuns)).toList();
    }

    private static double share(List<Ending> endings, String winner) {
        return endings.stream().filter(e -> winner == null ? e.winner() != null : winner.equals(e.winner())).count()
                / (double) endings.size();
    }

    private static long median(List<Ending> endings) {
        long[] runs = endings.stream().mapToLong(Ending::runs).sorted().toArray();
        return runs[runs.length / 2];
    }

    /** Runs per variant a fixed-sample two-sided z-test at 5 % needs to find {@code p} against {@code q} with 80 % power. */
    private static long plannedPerVariant(double p, double q) {
        double z = NORMAL.inverseCumulativeProbability(1 - ALPHA / 2) + NORMAL.inverseCumulativeProbability(0.8);
        return (long) Math.ceil(z * z * (p * (1 - p) + q * (1 - q)) / ((q - p) * (q - p)));
    }

    private static void print(String what, double value) {
        System.out.printf(Locale.ROOT, "auto-winner simulation (seed %d): %s: %.4f%n", SEED, what, value);
    }

    @Test
    void equalVariantsWatchedAfterEveryRunNameAWinnerAtMostAsOftenAsPromised() {
        int maxRuns = 10_000;
        double sequential = share(experiments(rate(0.10), rate(0.10), sequential(SplitStep.Metric.CONVERSION), 1,
                maxRuns), null);
        double peeking = share(experiments(rate(0.10), rate(0.10), peekingZTest(), 1, maxRuns), null);
        print("A/A conversion 10 %, false winners, mSPRT", sequential);
        print("A/A conversion 10 %, false winners, z-test checked after every run", peeking);
        assertTrue(sequential <= ALPHA + SLACK, "the sequential test named a false winner in " + sequential);
        assertTrue(peeking > 2 * ALPHA, "the z-test checked after every run should overshoot: " + peeking);
    }

    @Test
    void skewedRevenueOfEqualVariantsNamesAWinnerAtMostAsOftenAsPromised() {
        double sequential = share(experiments(revenue(0.05), revenue(0.05),
                sequential(SplitStep.Metric.REVENUE_PER_RECIPIENT), 1, 10_000), null);
        print("A/A revenue per recipient (5 % buy, log-normal baskets), false winners, mSPRT", sequential);
        assertTrue(sequential <= ALPHA + SLACK, "the sequential test named a false winner in " + sequential);
    }

    @Test
    void aRealDifferenceIsDecidedForTheBetterVariant() {
        for (double[] rates : new double[][] {{0.10, 0.12}, {0.10, 0.15}}) {
            List<Ending> endings = experiments(rate(rates[0]), rate(rates[1]), sequential(SplitStep.Metric.CONVERSION),
                    10, 60_000);
            List<Ending> peeking = experiments(rate(rates[0]), rate(rates[1]), peekingZTest(), 10, 60_000);
            String scenario = String.format(Locale.ROOT, "A/B conversion %.0f %% vs %.0f %%", rates[0] * 100,
                    rates[1] * 100);
            print(scenario + ", share decided for B, mSPRT", share(endings, "B"));
            print(scenario + ", share decided for A (wrong), mSPRT", share(endings, "A"));
            print(scenario + ", median runs to decide, mSPRT", median(endings));
            print(scenario + ", median runs to decide, z-test checked every 10 runs (invalid)", median(peeking));
            print(scenario + ", runs the fixed-sample z-test plans (80 % power)", 2 * plannedPerVariant(rates[0], rates[1]));
            assertTrue(share(endings, "B") >= 0.9, scenario + ": decided for B in " + share(endings, "B"));
            assertTrue(share(endings, "A") <= ALPHA, scenario + ": decided for A in " + share(endings, "A"));
        }
    }

    @Test
    void aRealDifferenceInRevenuePerRecipientIsDecided() {
        List<Ending> endings = experiments(revenue(0.05), revenue(0.07), sequential(SplitStep.Metric.REVENUE_PER_RECIPIENT),
                10, 60_000);
        print("A/B revenue per recipient (5 % vs 7 % buy), share decided for B, mSPRT", share(endings, "B"));
        print("A/B revenue per recipient (5 % vs 7 % buy), median runs to decide, mSPRT", median(endings));
        assertTrue(share(endings, "B") >= 0.8, "decided for B in " + share(endings, "B"));
    }
}
