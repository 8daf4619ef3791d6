package io.drip.contact.ingest;

import io.drip.contact.profile.ContactRepository;
import io.drip.contact.profile.ContactUpdates;
import io.drip.contact.segments.RfmScores;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.Topics;
import io.drip.kit.consume.InOrder;
import io.drip.kit.consume.Traced;
import io.drip.kit.contacts.ErasedContacts;
import io.drip.kit.outbox.Outbox;
import io.drip.kit.outbox.ProcessedRecords;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Applies Segment messages exactly once (by {@code messageId}), whichever way they came: over
 * HTTP (then they are also published to {@code drip.events.v1} through the outbox) or straight
 * from Kafka. Both paths change a contact in the same way. A message made before its contact
 * was erased (a late retry, a replay) is dropped, unpublished: it must not bring the person back.
 * One made after the erasure is the person coming back and starts a new contact (docs/contacts.md).
 */
@ApplicationScoped
public class SegmentIngest {

    @Inject
    Pool pool;

    @Inject
    ProcessedRecords processed;

    @Inject
    Outbox outbox;

    @Inject
    ContactUpdates contacts;

    @Inject
    SourceRegions regions;

    @Inject
    ContactRepository repository;

    @Inject
    RfmScores rfm;

    @Inject
    ErasedContacts erased;

    private static boolean isOrder(SegmentMessage message) {
        return message.isTrack() && RfmScores.ORDER_COMPLETED.equals(message.event());
    }

    /** Applies the messages of one request in one transaction, in their order. */
    public Uni<Void> acceptFromHttp(List<SegmentMessage> messages, String source) {
        String region = regions.of(source);
        return pool.withTransaction(tx -> notErased(tx, messages).chain(kept -> InOrder.each(kept,
                message -> applyOnce(tx, message, region, true, null))));
    }

    /**
     * Applies a batch of messages from Kafka in the caller's transaction, in their order; what
     * each causes continues the trace its record came with.
     */
    public Uni<Void> acceptFromKafka(SqlConnection tx, List<Traced<SegmentMessage>> messages) {
        return erased.split(tx, messages, m -> m.message().contactId(), m -> m.message().timestamp())
                .chain(split -> InOrder.each(split.kept(), traced -> applyOnce(tx, traced.message(),
                        regions.defaultRegion(), false, traced.traceparent())));
    }

    private Uni<List<SegmentMessage>> notErased(SqlConnection tx, List<SegmentMessage> messages) {
        return erased.split(tx, messages, SegmentMessage::contactId, SegmentMessage::timestamp)
                .map(ErasedContacts.Split::kept);
    }

    private Uni<Void> applyOnce(SqlConnection tx, SegmentMessage message, String region, boolean publish,
            String traceparent) {
        return processed.markFirstTime(tx, "segment:" + message.messageId()).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> applied = switch (message.type()) {
                case SegmentMessage.IDENTIFY -> contacts.identify(tx, message, region, traceparent);
                case SegmentMessage.ALIAS -> contacts.alias(tx, message, traceparent);
                default -> contacts.touch(tx, message.contactId(), message.timestamp()).chain(() -> isOrder(message)
                        ? repository.canonicalId(tx, message.contactId()).chain(id -> rfm.recordOrder(tx, id, message))
                        : Uni.createFrom().voidItem());
            };
            return publish
                    ? applied.chain(() -> outbox.add(tx, Topics.EVENTS, message.contactId(), message))
                    : applied;
        });
    }
}
