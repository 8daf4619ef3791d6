package io.drip.journey.autowinner;

/**
 * One variant's observations of a metric, as running sums: a rate is a mean of 0s and 1s, revenue
 * per recipient a mean of amounts (0 for those who bought nothing).
 *
 * @param n            runs counted
 * @param sum          the sum of their values (conversions, clicks, revenue)
 * @param sumOfSquares the sum of their squared values (for a rate, the same as {@code sum})
 */
public record Sample(long n, double sum, double sumOfSquares) {

    /** A rate: {@code successes} out of {@code n}. */
    public static Sample ofRate(long successes, long n) {
        return new Sample(n, successes, successes);
    }

    public double mean() {
        return n == 0 ? 0 : sum / n;
    }

    /** The unbiased variance of one observation; 0 below two observations. */
    public double variance() {
        if (n < 2) {
            return 0;
        }
        return Math.max(0, (sumOfSquares - n * mean() * mean()) / (n - 1));
    }

    /** This sample and {@code other} as one. */
    public Sample plus(Sample other) {
        return new Sample(n + other.n, sum + other.sum, sumOfSquares + other.sumOfSquares);
    }
}
