package io.drip.tracking.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * tracking-service's own series: how long {@code GET /{code}} takes to answer
 * ({@code drip_redirect_seconds} by outcome, with a histogram for percentiles) and the clicks
 * recorded ({@code drip_clicks_total} by kind, bot or human, and bot reason).
 */
@ApplicationScoped
public class TrackingMetrics {
    /** Outcomes of a short link request. */
    public static final String REDIRECTED = "redirected", NOT_FOUND = "not_found", EXPIRED = "expired",
            FAILED = "failed";

    @Inject
    MeterRegistry registry;

    /** Starts timing one request. */
    public Timer.Sample start() {
        return Timer.start(registry);
    }

    public void answered(Timer.Sample sample, String outcome) {
        sample.stop(Timer.builder("drip.redirect").description("Time to answer a short link, by outcome")
                .tag("outcome", outcome).publishPercentileHistogram().register(registry));
    }

    /** A click written for the first time; {@code botReason} null for a human's. */
    public void recorded(String botReason) {
        Counter.builder("drip.clicks").description("Clicks recorded, by bot or human and bot reason")
                .tag("kind", botReason == null ? "human" : "bot")
                .tag("reason", botReason == null ? "none" : botReason)
                .register(registry).increment();
    }
}
