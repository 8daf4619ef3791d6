package io.drip.contact.ingest;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies Segment messages that backends produce straight to {@code drip.events.v1}. A record
 * that is no valid Segment message fails, and the channel's failure strategy parks it in the DLQ.
 */
@ApplicationScoped
public class EventConsumer {

    @Inject
    SegmentIngest ingest;

    @Incoming("events")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        return ingest.acceptFromKafka(withReceipt(MessageJson.read(record.value(), SegmentMessage.class),
                Instant.ofEpochMilli(record.timestamp())));
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
