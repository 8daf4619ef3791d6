package io.drip.dispatch.send;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static AttemptOutcomes outcomes() {
        AttemptOutcomes outcomes = new AttemptOutcomes();
        outcomes.initialBackoff = Duration.ofSeconds(1);
        outcomes.maxBackoff = Duration.ofMinutes(5);
        return outcomes;
    }

    @Test
    void theNthRetryWaitsBetweenHalfAndAllOfAnExponentialCeiling() {
        AttemptOutcomes outcomes = outcomes();
        long[] ceilings = {1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000};
        for (int attempt = 1; attempt <= ceilings.length; attempt++) {
            for (int i = 0; i < 200; i++) {
                long wait = outcomes.backoff(attempt).toMillis();
                long ceiling = ceilings[attempt - 1];
                assertTrue(wait >= ceiling / 2 && wait <= ceiling, "attempt " + attempt + " waited " + wait);
            }
        }
        assertTrue(outcomes.backoff(100).toMillis() <= 300_000, "capped even far out");
    }

    @Test
    void retriesOfManyMessagesSpreadOut() {
        AttemptOutcomes outcomes = outcomes();
        Set<Long> waits = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            waits.add(outcomes.backoff(3).toMillis());
        }
        assertTrue(waits.size() > 50, "jitter: " + waits.size() + " distinct waits of 100");
    }
}
