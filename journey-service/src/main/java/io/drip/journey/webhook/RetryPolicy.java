package io.drip.journey.webhook;

import java.time.Duration;

/**
 * How failed webhook attempts are retried: {@code retries} attempts after the first unless the
 * step says otherwise, the n-th retry {@code backoff × 2^(n-1)} after the failure, at most
 * {@code maxBackoff} ({@link WebhookConfig}).
 */
public record RetryPolicy(int retries, Duration backoff, Duration maxBackoff) {

    /** How many attempts a call gets whose step asks for {@code stepRetries} (null: the default). */
    public int attempts(Integer stepRetries) {
        return 1 + (stepRetries == null ? retries : stepRetries);
    }

    /** How long after failed attempt {@code attempt} (1 for the first) the next one is made. */
    public Duration delayAfter(int attempt) {
        Duration delay = backoff.multipliedBy(1L << Math.min(Math.max(attempt, 1) - 1, 30));
        return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
    }
}
