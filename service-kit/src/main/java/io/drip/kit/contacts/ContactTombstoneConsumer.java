package io.drip.kit.contacts;

import io.drip.contracts.MalformedMessageException;
import io.quarkus.arc.properties.IfBuildProperty;
import io.drip.kit.consume.InOrder;
import io.drip.kit.consume.RecordBatches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads only the erasures (tombstones) of drip.contacts.v1 (channel {@code tombstones}), for services that hold
 * data about contacts but need no snapshot of them ({@code drip.contacts.tombstones=true}); the
 * snapshots themselves are skipped, so no personal data of them is copied.
 */
@ApplicationScoped
@IfBuildProperty(name = "drip.contacts.tombstones", stringValue = "true")
public class ContactTombstoneConsumer {

    @Inject
    RecordBatches batches;

    @Inject
    ContactErasures erasures;

    /**
     * Its own channel name (on drip.contacts.v1), because Quarkus derives a channel's batch mode
     * from the consuming methods it finds, and {@link ContactSnapshotConsumer}'s "contacts" takes
     * one record at a time.
     */
    @Incoming("tombstones")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return batches.apply("tombstones", batch, ContactTombstoneConsumer::erasedContact,
                (tx, contactIds) -> InOrder.each(contactIds, contactId -> erasures.erase(tx, contactId)));
    }

    /** The contact a tombstone erases; null for a snapshot, which is skipped. */
    private static String erasedContact(Message<String> record) {
        if (RecordBatches.keyOf(record) == null) {
            throw new MalformedMessageException("a contact record needs the contactId as its key");
        }
        return record.getPayload() == null ? RecordBatches.keyOf(record) : null;
    }
}
