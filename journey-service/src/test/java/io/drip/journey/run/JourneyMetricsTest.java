package io.drip.journey.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.Topics;
import io.drip.testing.ServiceMetrics;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** journey-service's /q/metrics after events through the real broker and PostgreSQL. */
@QuarkusTest
class JourneyMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void eventsCountAsProcessedAndTheRunTimersThatComeDueAsFired() {
        ServiceMetrics before = ServiceMetrics.scrape();
        try (var sends = TopicProbe.watch(Topics.SENDS)) {
            for (int i = 0; i < 3; i++) {
                String contactId = "c-" + UUID.randomUUID();
                TestEvents.contact(contactId, "Ada");
                TestEvents.track(contactId, "m-" + contactId, "Test Signed Up", "{}");
                sends.await(r -> contactId.equals(r.key()), WAIT);
            }
            // a small cart waits 2 s on the run's timer before its offer
            String waiting = "c-" + UUID.randomUUID();
            TestEvents.contact(waiting, "Ada");
            TestEvents.track(waiting, "m-" + waiting, "Test Cart Abandoned", "{\"value\": 10}");
            sends.await(r -> waiting.equals(r.key()), WAIT);
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            ServiceMetrics after = ServiceMetrics.scrape();
            assertEquals(4, after.since(before, "drip_records_processed_total", "topic", Topics.EVENTS));
            assertEquals(4, after.since(before, "drip_records_batch_records_sum", "topic", Topics.EVENTS),
                    "every record counted in the batch it came in");
            assertTrue(after.since(before, "drip_timer_lateness_seconds_count", "timer", "runs") >= 1);
            assertTrue(after.has("drip_timer_lateness_seconds_bucket"), "a histogram, for percentiles");
        });
    }

    @Test
    void aPoisonEventCountsAsFailedOnItsTopic() {
        ServiceMetrics before = ServiceMetrics.scrape();
        String key = "poison-" + UUID.randomUUID();
        try (var dlq = TopicProbe.watch(Topics.dlq(Topics.EVENTS))) {
            TopicProbe.produce(Topics.EVENTS, key, "{not json");
            dlq.await(r -> key.equals(r.key()), WAIT);
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            ServiceMetrics after = ServiceMetrics.scrape();
            assertEquals(1, after.since(before, "drip_records_failed_total", "topic", Topics.EVENTS));
            assertEquals(0, after.since(before, "drip_records_processed_total", "topic", Topics.EVENTS));
        });
    }
}
