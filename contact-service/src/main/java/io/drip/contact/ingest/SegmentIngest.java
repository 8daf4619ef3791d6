package io.drip.contact.ingest;

import io.drip.contact.profile.ContactRepository;
import io.drip.contact.profile.ContactUpdates;
import io.drip.contact.segments.RfmScores;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.Topics;
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
 * from Kafka. Both paths change a contact in the same way.
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

    private static boolean isOrder(SegmentMessage message) {
        return message.isTrack() && RfmScores.ORDER_COMPLETED.equals(message.event());
    }

    /** Applies the messages of one request in one transaction, in their order. */
    public Uni<Void> acceptFromHttp(List<SegmentMessage> messages, String source) {
        String region = regions.of(source);
        return pool.withTransaction(tx -> {
            Uni<Void> all = Uni.createFrom().voidItem();
            for (SegmentMessage message : messages) {
                all = all.chain(() -> applyOnce(tx, message, region, true));
            }
            return all;
        });
    }

    public Uni<Void> acceptFromKafka(SegmentMessage message) {
        return pool.withTransaction(tx -> applyOnce(tx, message, regions.defaultRegion(), false));
    }

    private Uni<Void> applyOnce(SqlConnection tx, SegmentMessage message, String region, boolean publish) {
        return processed.markFirstTime(tx, "segment:" + message.messageId()).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> applied = switch (message.type()) {
                case SegmentMessage.IDENTIFY -> contacts.identify(tx, message, region);
                case SegmentMessage.ALIAS -> contacts.alias(tx, message);
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
