package io.drip.kit.consume;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * A message read from a record of a batch, with the W3C traceparent its producer sent (null if
 * none): in a batch no record's trace is current, so what the message causes names its trace.
 */
public record Traced<T>(T message, String traceparent) {

    public static <T> Traced<T> of(T message, Message<String> record) {
        Header header = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> metadata.getHeaders().lastHeader("traceparent")).orElse(null);
        return new Traced<>(message, header == null || header.value() == null ? null
                : new String(header.value(), StandardCharsets.UTF_8));
    }
}
