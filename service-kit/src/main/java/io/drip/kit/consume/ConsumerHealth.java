package io.drip.kit.consume;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the batch consumers: not ready while a channel retries a batch that failed for a
 * transient reason (its partitions are paused behind it), ready again once the batch commits.
 */
@Readiness
@Default // also injected by the consumers that report to it (@Readiness alone is a qualifier)
@ApplicationScoped
public class ConsumerHealth implements HealthCheck {
    private record Retrying(Instant since, String reason) {
    }

    private final Map<String, Retrying> retrying = new ConcurrentHashMap<>();

    public void retrying(String channel, Throwable failure) {
        retrying.putIfAbsent(channel, new Retrying(Instant.now(), String.valueOf(failure.getMessage())));
    }

    public void applied(String channel) {
        retrying.remove(channel);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("batch consumers").status(retrying.isEmpty());
        retrying.forEach((channel, state) -> response.withData(channel,
                "retrying since " + state.since() + ": " + state.reason()));
        return response.build();
    }
}
