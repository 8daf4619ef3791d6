package io.drip.contact.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.drip.contracts.MalformedMessageException;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.kit.clock.TimeZones;
import io.drip.kit.consume.RecordBatches;
import io.drip.kit.consume.Traced;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Applies Segment messages that backends produce straight to {@code drip.events.v1}, a batch per
 * transaction ({@link RecordBatches}): a record that is no valid Segment message goes to the DLQ
 * alone; a database that is away is waited for.
 */
@ApplicationScoped
public class EventConsumer {

    @Inject
    RecordBatches batches;

    @Inject
    SegmentIngest ingest;

    @Incoming("events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return batches.apply("events", batch, record -> Traced.of(withReceipt(
                        stated(MessageJson.read(record.getPayload(), SegmentMessage.class)), producedAt(record)), record),
                ingest::acceptFromKafka);
    }

    /**
     * A timezone trait is the backend's statement (over HTTP a bad one is a 400): a record with one
     * that is no IANA zone goes to the DLQ rather than being applied without it.
     */
    static SegmentMessage stated(SegmentMessage m) {
        JsonNode zone = m.traits() == null ? null : m.traits().get("timezone");
        if (zone != null && !zone.isNull() && !TimeZones.isZone(zone.asText())) {
            throw new MalformedMessageException("traits.timezone " + TimeZones.notAZone(zone.asText()));
        }
        return m;
    }

    private static Instant producedAt(Message<String> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTimestamp)
                .orElseGet(Instant::now);
    }

    /** A message without timestamp or receivedAt happened, and was received, when it was produced. */
    static SegmentMessage withReceipt(SegmentMessage m, Instant producedAt) {
        if (m.timestamp() != null && m.receivedAt() != null) {
            return m;
        }
        return new SegmentMessage(m.type(), m.messageId(), m.userId(), m.anonymousId(), m.event(), m.name(),
                m.properties(), m.traits(), m.context(), m.timestamp() != null ? m.timestamp() : producedAt,
                m.sentAt(), m.receivedAt() != null ? m.receivedAt() : producedAt, m.previousId());
    }
}
