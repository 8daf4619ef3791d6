package io.drip.journey.autowinner;

/**
 * The mixture sequential probability ratio test (mSPRT) for the difference of two means under the
 * normal approximation, from Johari, Pekelis and Walsh, "Always Valid Inference: Continuous
 * Monitoring of A/B Tests", Operations Research 70(3):1806–1821, 2022 (arXiv:1512.04922), §4 and
 * its two-stream normal example. With the observed difference {@code d}, its variance
 * {@code V = s_a²/n_a + s_b²/n_b} (each group's own variance: Welch's plug-in, so skewed revenue
 * widens V instead of being assumed away) and a normal mixture N(0, τ²) over the true difference:
 *
 * <pre>
 *   Λ = sqrt(V / (V + τ²)) · exp( d² τ² / (2 V (V + τ²)) )
 *   always-valid p-value: p = min(1, 1/Λ), rejected when Λ ≥ 1/α
 *   confidence sequence: d ± sqrt( V (V + τ²) / τ² · (2 ln(1/α) + ln((V + τ²) / V)) )
 * </pre>
 *
 * Under "no difference" Λ is a (near) martingale with mean 1, so by Ville's inequality it ever
 * reaches 1/α with probability at most α however often it is looked at: the guarantee a
 * fixed-sample z-test loses when it is checked every day. τ is set in units of the metric's
 * pooled standard deviation ({@code mixingSd}), so one setting fits rates and amounts alike.
 * Implementations exist for R (mixtureSPRT), Python (msprt) and C++ (confseq), none maintained
 * for Java (Commons Math, which this module uses, has fixed-sample tests only), hence this class.
 */
public final class MixtureSprt {
    private final double mixingSd;

    /** @param mixingSd τ as a share of the metric's standard deviation, the effect sizes it expects */
    public MixtureSprt(double mixingSd) {
        if (!(mixingSd > 0)) {
            throw new IllegalArgumentException("the mixing standard deviation must be above 0, not " + mixingSd);
        }
        this.mixingSd = mixingSd;
    }

    /**
     * Group {@code b} against group {@code a} at level {@code alpha}.
     *
     * @param difference mean of b minus mean of a
     * @param pValue     always valid: ≤ alpha means b and a differ, whenever one looked
     * @param low        lower bound of the confidence sequence of the difference; null while it cannot be computed
     * @param high       upper bound
     */
    public record Comparison(double difference, double pValue, Double low, Double high) {
    }

    public Comparison compare(Sample b, Sample a, double alpha) {
        double difference = b.mean() - a.mean();
        double v = b.variance() / Math.max(1, b.n()) + a.variance() / Math.max(1, a.n());
        double tau2 = mixingSd * mixingSd * b.plus(a).variance();
        if (b.n() < 2 || a.n() < 2 || v <= 0 || tau2 <= 0) {
            return new Comparison(difference, 1, null, null); // no spread yet: nothing to go on
        }
        double logRatio = 0.5 * Math.log(v / (v + tau2)) + difference * difference * tau2 / (2 * v * (v + tau2));
        double pValue = Math.min(1, Math.exp(-logRatio));
        double half = Math.sqrt(v * (v + tau2) / tau2 * (2 * Math.log(1 / alpha) + Math.log((v + tau2) / v)));
        return new Comparison(difference, pValue, difference - half, difference + half);
    }
}
