package io.drip.kit.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.IncomingInterceptor;
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
 * every incoming channel, so no consumer has to count for itself.
 */
@ApplicationScoped
public class ConsumedRecords implements IncomingInterceptor {
    static final String PROCESSED = "drip.records.processed";
    static final String FAILED = "drip.records.failed";

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.application.name")
    String service;

    @Override
    public void onMessageAck(Message<?> message) {
        counter(PROCESSED, "Records applied by a consumer, by topic", message).increment();
    }

    @Override
    public void onMessageNack(Message<?> message, Throwable failure) {
        counter(FAILED, "Records a consumer failed on (sent to the topic's .dlq), by topic", message).increment();
    }

    private Counter counter(String name, String description, Message<?> message) {
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getTopic).orElse("unknown");
        return Counter.builder(name).description(description).tag("topic", topic).tag("application", service)
                .register(registry);
    }
}
