package io.drip.contact.ingest;

import io.drip.contact.profile.ContactUpdates;
import io.drip.contracts.SegmentMessage;
import io.drip.contracts.Topics;
import io.drip.kit.outbox.Outbox;
import io.drip.kit.outbox.ProcessedRecords;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Applies Segment messages exactly once, whichever way they came: over HTTP (then they are also
 * published to {@code drip.events.v1} through the outbox) or straight from Kafka.
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

    public Uni<Void> acceptFromHttp(SegmentMessage message) {
        return pool.withTransaction(tx -> applyOnce(tx, message, true));
    }

    public Uni<Void> acceptFromKafka(SegmentMessage message) {
        return pool.withTransaction(tx -> applyOnce(tx, message, false));
    }

    private Uni<Void> applyOnce(SqlConnection tx, SegmentMessage message, boolean publish) {
        return processed.markFirstTime(tx, "segment:" + message.messageId()).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            Uni<Void> applied = message.isIdentify()
                    ? contacts.identify(tx, message)
                    : Uni.createFrom().voidItem();
            return publish
                    ? applied.chain(() -> outbox.add(tx, Topics.EVENTS, message.contactId(), message))
                    : applied;
        });
    }
}
