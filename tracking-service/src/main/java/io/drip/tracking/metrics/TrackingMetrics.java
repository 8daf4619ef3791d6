package io.drip.tracking.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * tracking-service's own series: how long {@code GET /{code}} takes to answer
 * ({@code drip_redirect_seconds} by outcome, with a histogram for percentiles) and the clicks
 * recorded ({@code drip_clicks_total} by kind, bot or human, and bot reason), and the click
 * batches not yet on Kafka ({@code drip_click_batches_unpublished}, the age of the oldest in
 * {@code drip_click_batches_oldest_age_seconds}): tracking-service's outbox for clicks.
 */
@ApplicationScoped
public class TrackingMetrics {
    /** Outcomes of a short link request. */
    public static final String REDIRECTED = "redirected", NOT_FOUND = "not_found", EXPIRED = "expired",
            FAILED = "failed", LIMITED = "limited";

    @Inject
    MeterRegistry registry;

    // registered once: looking a timer up by name and tags on every redirect costs the hot path
    private Map<String, Timer> redirects;
    private final Map<String, Counter> clicks = new ConcurrentHashMap<>();
    private final AtomicLong unpublishedBatches = new AtomicLong();
    private final AtomicLong oldestBatchAgeMillis = new AtomicLong();

    @PostConstruct
    void register() {
        redirects = Stream.of(REDIRECTED, NOT_FOUND, EXPIRED, FAILED, LIMITED).collect(Collectors.toUnmodifiableMap(
                outcome -> outcome, outcome -> Timer.builder("drip.redirect")
                        .description("Time to answer a short link, by outcome").tag("outcome", outcome)
                        .publishPercentileHistogram().register(registry)));
        Gauge.builder("drip.click.batches.unpublished", unpublishedBatches, AtomicLong::get)
                .description("Batches of committed clicks not yet acknowledged by Kafka").register(registry);
        Gauge.builder("drip.click.batches.oldest.age", oldestBatchAgeMillis, millis -> millis.get() / 1000.0)
                .description("Age in seconds of the oldest unpublished click batch (0 when none)")
                .baseUnit("seconds").register(registry);
    }

    /** Counted by ClickRecovery every few seconds. */
    public void unpublishedBatches(long batches, long oldestAgeMillis) {
        unpublishedBatches.set(batches);
        oldestBatchAgeMillis.set(oldestAgeMillis);
    }

    /** Starts timing one request. */
    public Timer.Sample start() {
        return Timer.start(registry);
    }

    /** {@code outcome}: one of the constants above. */
    public void answered(Timer.Sample sample, String outcome) {
        sample.stop(redirects.get(outcome));
    }

    /** A click written for the first time; {@code botReason} null for a human's. */
    public void recorded(String botReason) {
        clicks.computeIfAbsent(botReason == null ? "none" : botReason, reason -> Counter.builder("drip.clicks")
                .description("Clicks recorded, by bot or human and bot reason")
                .tag("kind", botReason == null ? "human" : "bot").tag("reason", reason)
                .register(registry)).increment();
    }
}
