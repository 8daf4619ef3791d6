package io.drip.journey.stats;

/**
 * A rate {@code x/n} with its 95 % confidence interval: the Wilson score interval, which stays
 * within [0, 1] and is honest for small groups and rates near 0 or 1 (where the normal
 * approximation gives negative bounds). The console draws it as error bars.
 *
 * @param low  lower bound; null for an empty group
 * @param high upper bound; null for an empty group
 */
public record RateInterval(double rate, Double low, Double high) {

    public static RateInterval of(long x, long n) {
        if (n == 0) {
            return new RateInterval(0, null, null);
        }
        double rate = (double) x / n;
        double z = ProportionTest.Z_95;
        double z2n = z * z / n;
        double centre = (rate + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.sqrt(rate * (1 - rate) / n + z2n / (4 * n));
        return new RateInterval(rate, Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
