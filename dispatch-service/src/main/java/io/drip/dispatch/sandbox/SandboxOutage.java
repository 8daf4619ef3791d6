package io.drip.dispatch.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * A provider failure on demand: while it lasts, this replica's sandbox refuses every submission
 * as a provider in trouble does (a transient failure: retries, the breaker, failover). Kept in
 * memory: a rehearsal sets it on each replica and it ends by itself.
 */
@ApplicationScoped
public class SandboxOutage {
    private volatile Instant until = Instant.MIN;

    public void startFor(Duration duration) {
        until = Instant.now().plus(duration);
    }

    public boolean isOn() {
        return Instant.now().isBefore(until);
    }

    /** What is left of it, to the second. */
    public Duration remaining() {
        Duration left = Duration.between(Instant.now(), until);
        return left.isNegative() ? Duration.ZERO : left.withNanos(0);
    }
}
