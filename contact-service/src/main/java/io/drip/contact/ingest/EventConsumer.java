package io.drip.contact.ingest;

import io.drip.contracts.MalformedMessageException;
import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies Segment messages that backends produce straight to {@code drip.events.v1}. A record
 * that is no Segment message fails, and the channel's failure strategy parks it in the DLQ.
 */
@ApplicationScoped
public class EventConsumer {

    @Inject
    SegmentIngest ingest;

    @Incoming("events")
    public Uni<Void> consume(String record) {
        SegmentMessage message = MessageJson.read(record, SegmentMessage.class);
        if (message.type() == null || message.messageId() == null || message.contactId() == null) {
            throw new MalformedMessageException("a Segment message needs type, messageId and userId or anonymousId");
        }
        return ingest.acceptFromKafka(message);
    }
}
