package io.drip.journey.autowinner;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code drip.splits.auto-winner.*}: how splits that decide themselves are judged. */
@ConfigMapping(prefix = "drip.splits.auto-winner")
public interface AutoWinnerConfig {
    /** The default of {@link #mixingSd}, also what the simulations of docs/benchmarks.md run with. */
    String DEFAULT_MIXING_SD = "0.1";

    /**
     * τ of the mSPRT's mixture, in standard deviations of the metric: the size of difference the
     * test is quickest to find (docs/journeys.md). 0.1 suits conversion and click rates of a few
     * percent to a few tens of percent.
     */
    @WithDefault(DEFAULT_MIXING_SD)
    double mixingSd();

    /** How often every replica counts the undecided splits' runs and looks for a winner. */
    @WithDefault("PT10S")
    Duration checkEvery();
}
