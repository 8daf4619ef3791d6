package io.drip.journey.autowinner;

import io.drip.journey.definition.SplitStep;
import java.time.Instant;
import java.util.List;

/**
 * Why a split named its winner: the metric's estimate per competing variant, and the winner
 * against its closest rival ({@code runnerUp}) with the always-valid p-value and the confidence
 * sequence of the difference, both corrected for the number of pairs compared.
 *
 * @param runs   the runs counted, all competing variants together
 * @param pValue always valid, at most 1 − confidence
 */
public record Evidence(SplitStep.Metric metric, double confidence, List<Estimate> estimates, String runnerUp,
        double difference, double pValue, Double low, Double high, long runs, Instant decidedAt) {

    /** A variant's runs and its estimate: a rate, or revenue per recipient. */
    public record Estimate(String variant, long runs, double value) {
    }
}
