package io.drip.dispatch.metrics;

import io.drip.contracts.DeliveryStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * dispatch-service's own series: every status a message takes ({@code drip_sends_total} by
 * provider, status and reason: sent, delivered, undelivered, failed, suppressed, queued) and the
 * time messages are put back because their route is at its rate
 * ({@code drip_dispatch_rate_wait_seconds} by route). All tags come from closed sets ({@link MetricLabels};
 * routes are the configured ones).
 */
@ApplicationScoped
public class DispatchMetrics {

    @Inject
    MeterRegistry registry;

    public void statusChanged(DeliveryStatus change) {
        Counter.builder("drip.sends").description("Message status changes by provider, status and reason")
                .tag("provider", MetricLabels.provider(change.provider()))
                .tag("status", MetricLabels.status(change.status()))
                .tag("reason", MetricLabels.reason(change.reason()))
                .register(registry).increment();
    }

    public void rateLimited(String route, Duration wait) {
        Timer.builder("drip.dispatch.rate.wait")
                .description("Time messages were put back because their route was at its rate")
                .tag("route", route).register(registry).record(wait);
    }
}
