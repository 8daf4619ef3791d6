package io.drip.kit.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.IncomingInterceptor;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Counts the records every consumer channel of the service applied ({@code drip_records_processed_total})
 * and those it gave up on ({@code drip_records_failed_total}, sent to the topic's {@code .dlq} by the
 * dead-letter-queue failure strategy), by topic and application (not "service": Prometheus
 * sets that label on scraped series). An interceptor without an identifier applies to
 * every incoming channel, so no consumer has to count for itself; a batch is counted record by
 * record by {@link io.drip.kit.consume.RecordBatches}, which alone knows which of its records went
 * to the DLQ. How many records a batch brings ({@code drip_records_batch}) says how much each
 * transaction carries: small batches under load mean a consumer pays per batch, not per record.
 */
@ApplicationScoped
public class ConsumedRecords implements IncomingInterceptor {
    static final String PROCESSED = "drip.records.processed";
    static final String FAILED = "drip.records.failed";
    static final String BATCH = "drip.records.batch";

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @Override
    public void onMessageAck(Message<?> message) {
        if (!isBatch(message)) {
            processed(topicOf(message), 1);
        }
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        if (!isBatch(message)) {
            failed(topicOf(message));
        }
    }

    /** Counts records of a batch that were applied (batch consumers count their records themselves). */
    public void processed(String topic, int records) {
        counter(PROCESSED, "Records applied by a consumer, by topic", topic).increment(records);
    }

    /** Counts a record of a batch that went to the DLQ. */
    public void failed(String topic) {
        counter(FAILED, "Records a consumer failed on (sent to the topic's .dlq), by topic", topic).increment();
    }

    /** Records the size of a batch a consumer received. */
    public void batch(String topic, int records) {
        DistributionSummary.builder(BATCH).description("Records per batch a consumer received, by topic")
                .baseUnit("records").tag("topic", topic).tag("application", service).register(registry)
                .record(records);
    }

    private static boolean isBatch(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordBatchMetadata.class).isPresent();
    }

    public static String topicOf(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse("unknown");
    }

    private Counter counter(String name, String description, String topic) {
        return Counter.builder(name).description(description).tag("topic", topic).tag("application", service)
                .register(registry);
    }
}
