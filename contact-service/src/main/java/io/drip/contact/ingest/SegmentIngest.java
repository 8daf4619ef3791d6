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
        return pool.withTransaction(tx -> notErased(tx, messages).chain(kept -> applyAll(tx,
                kept.stream().map(message -> new Traced<>(message, null)).toList(), region, true)));
    }

    /**
     * Applies a batch of messages from Kafka in the caller's transaction, in their order; what
     * each causes continues the trace its record came with.
     */
    public Uni<Void> acceptFromKafka(SqlConnection tx, List<Traced<SegmentMessage>> messages) {
        return erased.split(tx, messages, m -> m.message().contactId(), m -> m.message().timestamp())
                .chain(split -> applyAll(tx, split.kept(), regions.defaultRegion(), false));
    }

    private Uni<List<SegmentMessage>> notErased(SqlConnection tx, List<SegmentMessage> messages) {
        return erased.split(tx, messages, SegmentMessage::contactId, SegmentMessage::timestamp)
                .map(ErasedContacts.Split::kept);
    }

    /**
     * Each message once (the batch's ids marked in one statement), in order. A run of track and
     * page messages, most of any traffic, is applied set-based: one statement moves the contacts'
     * last activity and one puts the events in the outbox; a run of identify messages is applied
     * together too; an alias, which merges two contacts, is applied on its own, where it stands.
     */
    private Uni<Void> applyAll(SqlConnection tx, List<Traced<SegmentMessage>> messages, String region, boolean publish) {
        return processed.firstTime(tx, messages, m -> "segment:" + m.message().messageId())
                .chain(fresh -> InOrder.each(ActivityRuns.of(fresh), run -> applyRun(tx, run, region, publish)));
    }

    private Uni<Void> applyRun(SqlConnection tx, List<Traced<SegmentMessage>> run, String region, boolean publish) {
        SegmentMessage first = run.get(0).message();
        if (ActivityRuns.isActivity(run.get(0))) {
            return applyActivity(tx, run, publish);
        }
        Uni<Void> applied = first.isIdentify() ? contacts.identifyAll(tx, run, region)
                : contacts.alias(tx, first, run.get(0).traceparent());
        return publish ? applied.chain(() -> publish(tx, run)) : applied;
    }

    private Uni<Void> publish(SqlConnection tx, List<Traced<SegmentMessage>> run) {
        return outbox.addAll(tx, run.stream().map(m -> new Outbox.Entry(Topics.EVENTS, m.message().contactId(), m.message()))
                .toList());
    }

    private Uni<Void> applyActivity(SqlConnection tx, List<Traced<SegmentMessage>> tracks, boolean publish) {
        List<SegmentMessage> messages = tracks.stream().map(Traced::message).toList();
        return repository.touchAll(tx, messages.stream()
                        .map(m -> new ContactRepository.Activity(m.contactId(), m.timestamp())).toList())
                .chain(() -> recordOrders(tx, messages.stream().filter(SegmentIngest::isOrder).toList()))
                .chain(() -> publish ? publish(tx, tracks) : Uni.createFrom().voidItem());
    }

    private Uni<Void> recordOrders(SqlConnection tx, List<SegmentMessage> orders) {
        if (orders.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.canonicalIds(tx, orders.stream().map(SegmentMessage::contactId).toList())
                .chain(merged -> rfm.recordOrders(tx, orders.stream()
                        .map(order -> merged.getOrDefault(order.contactId(), order.contactId())).toList(), orders));
    }
}
