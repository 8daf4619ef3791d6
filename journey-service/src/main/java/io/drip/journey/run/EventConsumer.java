package io.drip.journey.run;

import io.drip.contracts.MessageJson;
import io.drip.contracts.SegmentMessage;
import io.drip.journey.definition.JourneyCatalog;
import io.drip.kit.contacts.ErasedContacts;
import io.drip.kit.consume.RecordBatches;
import io.drip.kit.consume.Traced;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Takes drip.events.v1 in batches and hands the track events that concern a journey to
 * {@link TrackEvents}, one transaction per batch ({@link RecordBatches}: poison records to the
 * DLQ alone, transient failures retried). The events of a contact erased after they happened (late
 * to arrive) are dropped in that transaction, found for the whole batch in one query: nothing
 * personal of them is stored, and no journey starts for the person erased.
 */
@ApplicationScoped
public class EventConsumer {

    @Inject
    RecordBatches batches;

    @Inject
    JourneyCatalog catalog;

    @Inject
    TrackEvents events;

    @Inject
    ErasedContacts erased;

    @Incoming("events")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return batches.apply("events", batch, this::read, (tx, tracks) -> erased
                .split(tx, tracks, track -> track.message().contactId(), track -> track.message().timestamp())
                .chain(split -> events.apply(tx, split.kept())));
    }

    private Traced<SegmentMessage> read(Message<String> record) {
        SegmentMessage message = MessageJson.read(record.getPayload(), SegmentMessage.class);
        return message.isTrack() && catalog.concerns(message.event()) ? Traced.of(message, record) : null;
    }
}
