package io.drip.journey.autowinner;

import io.drip.journey.definition.SplitStep;

/** One variant's runs so far and what they did: clicked, converted, and their revenue with its squares. */
public record VariantTotals(String variant, long runs, long clicked, long converted, double revenue,
        double revenueSquares) {

    /** The observations the metric compares. */
    public Sample sample(SplitStep.Metric metric) {
        return switch (metric) {
            case CLICK -> Sample.ofRate(clicked, runs);
            case CONVERSION -> Sample.ofRate(converted, runs);
            case REVENUE_PER_RECIPIENT -> new Sample(runs, revenue, revenueSquares);
        };
    }
}
