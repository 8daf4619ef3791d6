package io.drip.contact.ingest;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
    public Uni<Void> consume(String record) {
        return ingest.acceptFromKafka(MessageJson.read(record, SegmentMessage.class));
    }
}
