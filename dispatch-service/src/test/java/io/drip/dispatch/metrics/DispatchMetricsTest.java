package io.drip.dispatch.metrics;

import static io.drip.dispatch.Sends.contactWith;
import static io.drip.dispatch.Sends.is;
import static io.drip.dispatch.Sends.randomNumber;
import static io.drip.dispatch.Sends.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drip.contracts.DeliveryStatus;
import io.drip.contracts.SendCommand;
import io.drip.contracts.Topics;
import io.drip.dispatch.send.StatusChanges;
import io.drip.testing.ServiceMetrics;
import io.drip.testing.TopicProbe;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** dispatch-service's /q/metrics after real sends through the broker, PostgreSQL and the sandbox. */
@QuarkusTest
class DispatchMetricsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    StatusChanges changes;

    @Inject
    Pool pool;

    @Test
    void sentMessagesCountByProviderAndStatusAndConsumedRecordsByTopic() {
        ServiceMetrics before = ServiceMetrics.scrape();
        List<SendCommand> commands = new ArrayList<>();
        try (var deliveries = TopicProbe.watch(Topics.DELIVERIES)) {
            for (int i = 0; i < 3; i++) {
                commands.add(send(contactWith(randomNumber("+316", 11)), "Metrics " + i));
            }
            for (SendCommand command : commands) {
                deliveries.await(r -> is(r, command.messageId(), "sent"), WAIT);
            }
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            ServiceMetrics after = ServiceMetrics.scrape();
            assertEquals(3, after.since(before, "drip_sends_total", "provider", "sandbox", "status", "sent"));
            assertTrue(after.since(before, "drip_records_processed_total", "topic", Topics.SENDS) >= 3);
            assertTrue(after.since(before, "drip_records_processed_total", "topic", Topics.CONTACTS) >= 3);
        });
    }

    @Test
    void aStatusChangeCountsOnceItsTransactionCommitsNotWhenItRollsBack() {
        ServiceMetrics before = ServiceMetrics.scrape();
        var change = new DeliveryStatus("metrics-" + UUID.randomUUID(), "metrics-" + UUID.randomUUID(),
                DeliveryStatus.FAILED, "carrier_filtered", "sandbox", null, null, Instant.now());
        assertThrows(IllegalStateException.class, () -> pool.withTransaction(tx -> changes.publish(tx, change)
                .chain(() -> Uni.createFrom().failure(new IllegalStateException("rolled back")))).await().atMost(WAIT));
        pool.withTransaction(tx -> changes.publish(tx, change)).await().atMost(WAIT);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(1, ServiceMetrics.scrape().since(before,
                "drip_sends_total", "provider", "sandbox", "status", "failed", "reason", "carrier_filtered")));
    }

    @Test
    void aProvidersFreeTextReasonCountsAsOther() {
        ServiceMetrics before = ServiceMetrics.scrape();
        String freeText = "Quota exceeded for account " + UUID.randomUUID();
        var change = new DeliveryStatus("metrics-" + UUID.randomUUID(), "metrics-" + UUID.randomUUID(),
                DeliveryStatus.FAILED, freeText, "http", null, null, Instant.now());
        pool.withTransaction(tx -> changes.publish(tx, change)).await().atMost(WAIT);
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            ServiceMetrics after = ServiceMetrics.scrape();
            assertEquals(1, after.since(before, "drip_sends_total", "provider", "http", "status", "failed",
                    "reason", "other"));
            assertEquals(0, after.since(before, "drip_sends_total", "reason", freeText));
        });
    }

    @Test
    void aPoisonRecordCountsAsFailedOnItsTopic() {
        ServiceMetrics before = ServiceMetrics.scrape();
        String key = "poison-" + UUID.randomUUID();
        try (var dlq = TopicProbe.watch(Topics.dlq(Topics.SENDS))) {
            TopicProbe.produce(Topics.SENDS, key, "{not json");
            dlq.await(r -> key.equals(r.key()), WAIT);
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertEquals(1,
                ServiceMetrics.scrape().since(before, "drip_records_failed_total", "topic", Topics.SENDS)));
    }

    @Test
    void consumerLagAndOutboxBacklogAreExposed() {
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            ServiceMetrics metrics = ServiceMetrics.scrape();
            assertTrue(metrics.has("kafka_consumer_fetch_manager_records_lag_max"), "Kafka client metrics bound");
            assertTrue(metrics.has("drip_outbox_backlog"));
            assertTrue(metrics.has("drip_outbox_oldest_age_seconds"));
        });
    }
}
