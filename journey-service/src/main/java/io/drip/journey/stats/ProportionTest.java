package io.drip.journey.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The two-proportion z-test of an A/B comparison: is the rate {@code x/n} of a variant different
 * from the baseline's? The p-value uses the pooled rate (the null hypothesis: both rates are
 * equal); the confidence interval of the difference uses each rate's own variance.
 *
 * @param difference rate minus baseline rate
 * @param pValue     two-sided; null when the test cannot say (an empty group, or both rates 0 or 1)
 * @param low        lower bound of the 95 % confidence interval of the difference; null as pValue
 * @param high       upper bound
 */
public record ProportionTest(double rate, double baselineRate, double difference, Double pValue, Double low,
        Double high) {
    public static final double SIGNIFICANCE = 0.05;
    private static final NormalDistribution NORMAL = new NormalDistribution();
    static final double Z_95 = NORMAL.inverseCumulativeProbability(1 - SIGNIFICANCE / 2);

    public static ProportionTest of(long x, long n, long baselineX, long baselineN) {
        double rate = n == 0 ? 0 : (double) x / n;
        double baseline = baselineN == 0 ? 0 : (double) baselineX / baselineN;
        double difference = rate - baseline;
        if (n == 0 || baselineN == 0) {
            return new ProportionTest(rate, baseline, difference, null, null, null);
        }
        double pooled = (double) (x + baselineX) / (n + baselineN);
        double pooledError = Math.sqrt(pooled * (1 - pooled) * (1.0 / n + 1.0 / baselineN));
        if (pooledError == 0) {
            return new ProportionTest(rate, baseline, difference, null, null, null);
        }
        double z = difference / pooledError;
        double pValue = 2 * (1 - NORMAL.cumulativeProbability(Math.abs(z)));
        double error = Math.sqrt(rate * (1 - rate) / n + baseline * (1 - baseline) / baselineN);
        return new ProportionTest(rate, baseline, difference, pValue, difference - Z_95 * error,
                difference + Z_95 * error);
    }

    /** Better than the baseline, beyond chance at the 95 % level. */
    public boolean significantlyBetter() {
        return pValue != null && pValue < SIGNIFICANCE && difference > 0;
    }
}
